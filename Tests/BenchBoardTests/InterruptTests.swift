import Foundation
import XCTest

final class InterruptTests: XCTestCase {
    /// SIGINT mid-run: the running child and its group are stopped, the finished benchmarks are
    /// kept in a run file marked interrupted, and benchboard exits 130.
    func testSigintKeepsThePartialRunAndLeavesNoChildren() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let marker = "benchboard-interrupt-\(UUID().uuidString.prefix(8))"
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 2

            [[benchmark]]
            name = "quick"
            command = [\(tomlString(CLIHarness.fixture)), "true"]

            [[benchmark]]
            name = "family"
            command = [\(tomlString(CLIHarness.fixture)), "fork-grandchildren", "3", "30000", "setsid", "wait", \(tomlString(marker))]
            timeout_ms = 60000
            """)
        let (process, out, _) = try cli.start(["run", "--no-report"])
        // Wait until the second benchmark's processes exist.
        let deadline = Date().addingTimeInterval(30)
        while processes(containing: marker).count < 4, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertGreaterThanOrEqual(processes(containing: marker).count, 4, "the child and its grandchildren should be running")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 130)
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        XCTAssertTrue(stdout.contains("Interrupted"), stdout)
        let run = try XCTUnwrap(cli.historyRuns().first)
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["quick"])

        // Give the kernel a moment to reap, then no process with the marker may remain.
        let gone = Date().addingTimeInterval(5)
        while !processes(containing: marker).isEmpty, Date() < gone {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(processes(containing: marker), [], "children outlived benchboard")
    }

    /// Pids of live (non-zombie) processes whose command line contains `marker`.
    private func processes(containing marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                String(decoding: cmdline, as: UTF8.self).contains(marker),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let state = stat.split(separator: ")").last?.split(separator: " ").first,
                state != "Z"
            else { return nil }
            return pid
        }
    }
}

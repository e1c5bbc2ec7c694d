import Foundation
import PlatformSupport
import XCTest

/// A swift benchmark with resource limits runs in an exec'd worker under the run's launcher, which
/// enforces them. When that launcher dies mid-batch, the benchmark must not run again in-process,
/// where nothing would enforce them.
final class LimitedWorkerRunTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        try skipWithoutIsolation()
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli?.cleanUp()
    }

    func testLauncherKilledMidBatchEndsTheLimitedBenchmarkWithAnError() throws {
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            timeout_ms = 60000

            [[benchmark]]
            name = "limited"
            swift = "sleep-5ms"
            iterations = 2000
            max_memory_mb = 512

            [[benchmark]]
            name = "after"
            swift = "noop"
            iterations = 2
            max_memory_mb = 512
            """)
        let (process, out, err) = try cli.start(["run", "--no-report"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let worker = try XCTUnwrap(waitForWorker(of: process.processIdentifier), "the limited worker never started")
        let launcher = try XCTUnwrap(parent(of: worker))
        XCTAssertEqual(parent(of: launcher), process.processIdentifier, "the worker runs under benchboard's launcher")
        kill(launcher, SIGKILL)
        process.waitUntilExit()
        let output = ((try? String(contentsOf: out, encoding: .utf8)) ?? "") + ((try? String(contentsOf: err, encoding: .utf8)) ?? "")
        XCTAssertEqual(process.terminationStatus, 1, output)

        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks.map { $0["outcome"] as? String }, ["error", "ok"], output)
        XCTAssertEqual(benchmarks.map { $0["mode"] as? String }, ["isolated", "isolated"], output)
        let error = benchmarks.first?["error"] as? String ?? ""
        XCTAssertTrue(error.contains("exited unexpectedly"), error)
        XCTAssertTrue(error.contains("max_memory_mb"), error)
        XCTAssertNotNil(benchmarks.first?["limits"], "the record still states the limits")
    }

    /// The pid of the exec'd worker running `sleep-5ms` under a launcher of `benchboard`.
    private func waitForWorker(of benchboard: Int32) -> Int32? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for entry in entries {
                guard let pid = Int32(entry),
                    let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
                else { continue }
                let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                guard arguments.count > 2, arguments[1] == "worker", arguments[2] == "sleep-5ms",
                    let launcher = parent(of: pid), parent(of: launcher) == benchboard
                else { continue }
                return pid
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    /// The parent pid from /proc/<pid>/stat (the field after the state, past the command's ")").
    private func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let fields = stat.split(separator: ")").last?.split(separator: " "), fields.count > 1
        else { return nil }
        return Int32(fields[1])
    }
}

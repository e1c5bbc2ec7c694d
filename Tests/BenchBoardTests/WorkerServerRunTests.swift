import Foundation
import PlatformSupport
import XCTest

/// Swift benchmarks in children forked by the run's worker server: what one child does never
/// reaches the next, samples survive a timeout, and the time budget ends a benchmark early.
final class WorkerServerRunTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        try skipWithoutIsolation()
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli?.cleanUp()
    }

    private func resources(_ benchmark: [String: Any]) throws -> [String: Any] {
        try XCTUnwrap(benchmark["resources"] as? [String: Any])
    }

    func testCrashHangLeakAndAKilledServerTouchOnlyTheirOwnChild() throws {
        let parents = cli.directory.appending(path: "parents.txt").path
        func after(_ index: Int) -> String {
            """
            [[benchmark]]
            name = "after \(index)"
            swift = "record-parent"
            env = { BENCHBOARD_TEST_PARENT_FILE = \(tomlString(parents)) }

            """
        }
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 2
            rounds = 1
            timeout_ms = 5000
            grace_ms = 200

            [[benchmark]]
            name = "crash"
            swift = "crash-sigsegv"

            \(after(1))
            [[benchmark]]
            name = "hang"
            swift = "hang"
            timeout_ms = 300

            \(after(2))
            [[benchmark]]
            name = "leak"
            swift = "leak-64mib"

            \(after(3))
            [[benchmark]]
            name = "daemon"
            swift = "fork-daemon"
            iterations = 1

            [[benchmark]]
            name = "kill the server"
            swift = "kill-parent"

            \(after(4))
            """)
        let temporary = try privateTemporaryDirectory()
        let result = try cli.run(["run", "--no-report"], environment: ["TMPDIR": temporary])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(
            benchmarks.map { $0["outcome"] as? String },
            ["crashed", "ok", "timeout", "ok", "ok", "ok", "ok", "error", "ok"], result.stdout)
        XCTAssertEqual(Set(benchmarks.map { $0["mode"] as? String }), ["isolated"])
        XCTAssertTrue((benchmarks[7]["error"] as? String ?? "").contains("worker server"), "\(benchmarks[7])")
        // The daemon keeps the child's descriptors open, yet the child's end is seen long before
        // its timeout; the daemon itself does not outlive the run.
        XCTAssertLessThan(try XCTUnwrap(resources(benchmarks[6])["totalMs"] as? Double), 2_500)
        XCTAssertEqual(processes(containing: temporary), [], "a process of the run outlived it")

        // Every benchmark ran in a child of a worker server, not of the launcher; the killed
        // server was replaced by a new one for the last benchmark.
        let lines = try String(contentsOfFile: parents, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 8, "two iterations of four benchmarks")
        for line in lines {
            XCTAssertTrue(line.contains("worker-server"), String(line))
        }
        let pids = lines.map { $0.split(separator: " ")[0] }
        XCTAssertEqual(Set(pids[0..<6]).count, 1, "one server for the run: \(lines)")
        XCTAssertNotEqual(pids[7], pids[0], "a new server after the old one was killed")

        // The leak is the leaking child's own: the next child starts without it.
        let leakRSS = try XCTUnwrap(resources(benchmarks[4])["maxRSSBytes"] as? Double)
        let nextRSS = try XCTUnwrap(resources(benchmarks[5])["maxRSSBytes"] as? Double)
        XCTAssertGreaterThan(leakRSS, 64 * 1024 * 1024)
        XCTAssertLessThan(nextRSS, leakRSS - 48 * 1024 * 1024)
    }

    /// SIGINT while a swift benchmark hangs: its child is stopped, the server exits, the finished
    /// benchmark is kept, and benchboard exits 130.
    func testSigintStopsTheForkedChildAndTheServer() throws {
        let temporary = URL(fileURLWithPath: try privateTemporaryDirectory())
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1
            timeout_ms = 60000
            inherit_env = ["PATH", "TMPDIR"]

            [[benchmark]]
            name = "quick"
            swift = "noop"

            [[benchmark]]
            name = "hangs"
            swift = "hang"
            """)
        let (process, _, _) = try cli.start(["run", "--no-report"], environment: ["TMPDIR": temporary.path])
        // Two processes for 0.2 s: the quick benchmark's child lives for a millisecond, the hanging one stays.
        let deadline = Date().addingTimeInterval(30)
        var seen = 0
        while seen < 2, Date() < deadline {
            seen = processes(containing: temporary.path).count == 2 ? seen + 1 : 0
            Thread.sleep(forTimeInterval: 0.2)
        }
        let running = processes(containing: temporary.path)
        XCTAssertEqual(running.count, 2, "the server and the hanging child")
        // fork copies only the calling thread: the server must have no other.
        for pid in running {
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            XCTAssertTrue(status.contains("Threads:\t1\n"), "process \(pid) runs more than one thread")
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        let run = try XCTUnwrap(cli.historyRuns().first)
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["quick"])
        let gone = Date().addingTimeInterval(5)
        while !processes(containing: temporary.path).isEmpty, Date() < gone {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(processes(containing: temporary.path), [], "the server or its child outlived benchboard")
        // The pipe folder was removed as soon as both ends were open.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [])
    }

    /// The server's pipe folder is made in TMPDIR and named on its command line, which forked
    /// children share: a TMPDIR of the test's own tells this run's processes from any other's.
    private func privateTemporaryDirectory() throws -> String {
        let url = cli.directory.appending(path: "tmp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
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

    func testATimeoutOrAThrowKeepsTheSamplesTakenBeforeIt() throws {
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 10
            rounds = 1

            [[benchmark]]
            name = "hangs on its fourth iteration"
            swift = "hang-after-3"
            timeout_ms = 1000
            grace_ms = 100

            [[benchmark]]
            name = "throws on its fourth iteration"
            swift = "throw-after-3"
            """)
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 1)
        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks.map { $0["outcome"] as? String }, ["timeout", "failed"])
        let hung = try XCTUnwrap(benchmarks[0]["samplesNs"] as? [Int])
        XCTAssertEqual(hung.count, 3, "the three iterations before the hang")
        XCTAssertTrue(hung.allSatisfy { $0 >= 2_000_000 }, "\(hung)")
        XCTAssertEqual((benchmarks[1]["samplesNs"] as? [Int])?.count, 3, "the three iterations before the throw")
    }

    func testMaxDurationEndsTheMeasurementWithTheSamplesSoFar() throws {
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1000

            [[benchmark]]
            name = "budget from config.toml"
            swift = "sleep-5ms"
            max_duration_ms = 50

            [[benchmark]]
            name = "budget from the Swift API"
            swift = "sleep-5ms-budget-50ms"
            """)
        for isolation in ["--isolation", "--no-isolation"] {
            let result = try cli.run(["run", "--no-report", isolation])
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
            let benchmarks = try XCTUnwrap(cli.historyRuns().last).benchmarks()
            for benchmark in benchmarks {
                XCTAssertEqual(benchmark["outcome"] as? String, "ok")
                // 1000 iterations of 5 ms would take 5 s; 50 ms of them is about 10.
                let count = try XCTUnwrap(benchmark["samplesNs"] as? [Any]).count
                XCTAssertTrue((1...40).contains(count), "\(isolation) \(benchmark["name"] ?? ""): \(count) samples")
            }
            XCTAssertEqual((benchmarks[0]["config"] as? [String: Any])?["maxDurationMs"] as? Double, 50)
        }
    }

    func testMemoryGrowthCountsTheWarmUp() throws {
        try cli.write("config.toml", """
            [[benchmark]]
            name = "fills its cache in the warm-up"
            swift = "fill-cache-32mib"
            warmup = 1
            iterations = 3
            """)
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let benchmark = try XCTUnwrap(cli.historyRuns().first?.benchmarks().first)
        let resources = try resources(benchmark)
        let withWarmup = try XCTUnwrap(resources["peakMemoryGrowthWithWarmupBytes"] as? Double)
        let afterWarmup = try XCTUnwrap(resources["peakMemoryGrowthBytes"] as? Double)
        let maxRSS = try XCTUnwrap(resources["maxRSSBytes"] as? Double)
        XCTAssertGreaterThan(withWarmup, 30 * 1024 * 1024)
        XCTAssertLessThan(afterWarmup, 8 * 1024 * 1024, "the measured iterations reuse the cache")
        XCTAssertGreaterThan(maxRSS, withWarmup, "the worker child's own peak holds the cache too")
        // The 💾 figure is the growth with warm-up.
        XCTAssertTrue(result.stdout.contains("💾 Memory: 3"), result.stdout)
    }
}

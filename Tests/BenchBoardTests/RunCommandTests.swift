import Foundation
import PlatformSupport
import XCTest

final class RunCommandTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private func suite(isolated: Bool? = nil, _ benchmarks: String) -> String {
        var text = ""
        if let isolated { text += "[features]\nisolated_benchmarks = \(isolated)\n\n" }
        text += "[defaults]\nwarmup = 1\niterations = 5\n\n[report]\ntitle = \"cli test\"\n\n" + benchmarks
        return text
    }

    func testIsolatedSwiftAndCommandBenchmarksAreRecorded() throws {
        try skipWithoutIsolation()
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = "noop"
            group = "swift"
            swift = "noop"
            target_ms = 100

            [[benchmark]]
            name = "fixture true"
            group = "commands"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            """))
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stderr)

        let runs = try cli.historyRuns()
        XCTAssertEqual(runs.count, 1)
        let run = try XCTUnwrap(runs.first)
        XCTAssertEqual(run["schema"] as? String, "benchboard.run/2")
        XCTAssertEqual(run["isolation"] as? Bool, true)
        XCTAssertEqual(run["interrupted"] as? Bool, false)
        XCTAssertEqual(run["buildConfiguration"] as? String, "debug")
        XCTAssertNotNil(run["machine"] as? [String: Any])

        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["noop", "fixture true"])
        for benchmark in benchmarks {
            XCTAssertEqual(benchmark["outcome"] as? String, "ok")
            XCTAssertEqual(benchmark["mode"] as? String, "isolated")
            XCTAssertEqual((benchmark["samplesNs"] as? [Any])?.count, 5)
            let resources = try XCTUnwrap(benchmark["resources"] as? [String: Any])
            let maxRSS = try XCTUnwrap(resources["maxRSSBytes"] as? Double)
            XCTAssertGreaterThan(maxRSS, 0)
            XCTAssertGreaterThan(try XCTUnwrap(resources["totalMs"] as? Double), 0)
            XCTAssertNotNil(resources["overheadMs"] as? Double)
            XCTAssertNotNil(benchmark["stats"] as? [String: Any])
        }
        // The worker is started through the small launcher, so its max RSS is its own, not the test runner's.
        let swiftRSS = try XCTUnwrap((benchmarks[0]["resources"] as? [String: Any])?["maxRSSBytes"] as? Double)
        XCTAssertLessThan(swiftRSS, 200 * 1024 * 1024)
        XCTAssertNotNil((benchmarks[0]["resources"] as? [String: Any])?["peakMemoryGrowthBytes"])
        // The terminal shows the seed's line per benchmark and the closing summary.
        XCTAssertTrue(result.stdout.contains("✅ noop 🔒 Isolated × 5 processes — "), result.stdout)
        XCTAssertTrue(result.stdout.contains("2 passed, 0 failed, 0 timed out — success rate 100.0% (2/2)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("History: output/history/"), result.stdout)
    }

    func testNoIsolationRunsSwiftBenchmarksInProcess() throws {
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = "sort"
            swift = "sort-integers"
            iterations = 2
            """))
        let result = try cli.run(["run", "--no-isolation", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let run = try XCTUnwrap(cli.historyRuns().first)
        XCTAssertEqual(run["isolation"] as? Bool, false)
        let benchmark = try XCTUnwrap(run.benchmarks().first)
        XCTAssertEqual(benchmark["mode"] as? String, "in-process")
        XCTAssertEqual(benchmark["outcome"] as? String, "ok")
        XCTAssertEqual((benchmark["samplesNs"] as? [Any])?.count, 2)
        XCTAssertFalse(result.stdout.contains("🔒"), "no isolation badge in-process: \(result.stdout)")
    }

    func testFlagOverridesEnvironmentOverridesFile() throws {
        try skipWithoutIsolation()
        try cli.write("config.toml", suite(isolated: false, """
            [[benchmark]]
            name = "noop"
            swift = "noop"
            """))
        func mode(_ arguments: [String], _ environment: [String: String]) throws -> String {
            let result = try cli.run(["list"] + arguments, environment: environment)
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout.contains("in-process") ? "in-process" : "isolated"
        }
        XCTAssertEqual(try mode([], [:]), "in-process", "the file says false")
        XCTAssertEqual(try mode([], ["BENCHMARK_ISOLATION": "true"]), "isolated", "the environment beats the file")
        XCTAssertEqual(try mode(["--no-isolation"], ["BENCHMARK_ISOLATION": "true"]), "in-process", "the flag beats the environment")
        XCTAssertEqual(try mode(["--isolation"], ["BENCHMARK_ISOLATION": "false"]), "isolated", "the flag beats the environment")

        // And a real run follows the same precedence.
        let result = try cli.run(["run", "--no-report"], environment: ["BENCHMARK_ISOLATION": "true"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try cli.historyRuns().first?.benchmarks().first?["mode"] as? String, "isolated")

        let bad = try cli.run(["list"], environment: ["BENCHMARK_ISOLATION": "maybe"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("BENCHMARK_ISOLATION"), bad.stderr)
    }

    func testSwiftBenchmarkFallsBackInProcessOnlyWhenTheWorkerCannotStart() throws {
        try skipWithoutIsolation()
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = "noop"
            swift = "noop"

            [[benchmark]]
            name = "fixture true"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            """))
        let result = try cli.run(["run", "--no-report"], environment: ["BENCHBOARD_LAUNCHER": "/nonexistent/benchboard-launcher"])
        XCTAssertEqual(result.status, 1, "the command benchmark cannot start: \(result.stdout)")
        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks[0]["mode"] as? String, "fallback")
        XCTAssertEqual(benchmarks[0]["outcome"] as? String, "ok")
        XCTAssertEqual(benchmarks[1]["outcome"] as? String, "error")
        XCTAssertTrue((benchmarks[1]["error"] as? String ?? "").contains("/nonexistent/benchboard-launcher"))
        XCTAssertTrue(result.stderr.contains("in-process"), result.stderr)
    }

    func testCrashAndTimeoutAreResultsAndNeverRetriedInProcess() throws {
        try skipWithoutIsolation()
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = "crash"
            swift = "crash-sigsegv"

            [[benchmark]]
            name = "hang"
            swift = "hang"
            timeout_ms = 300
            grace_ms = 200

            [[benchmark]]
            name = "throws"
            swift = "throws"

            [[benchmark]]
            name = "after"
            swift = "noop"
            """))
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 1)
        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks.map { $0["outcome"] as? String }, ["crashed", "timeout", "failed", "ok"])
        XCTAssertEqual(benchmarks.map { $0["mode"] as? String }, ["isolated", "isolated", "isolated", "isolated"])
        XCTAssertEqual(benchmarks[0]["signal"] as? String, "SIGSEGV")
        XCTAssertEqual(benchmarks[1]["killedBy"] as? String, "SIGTERM")
        XCTAssertEqual(benchmarks[2]["exitCode"] as? Int, 1)
        XCTAssertTrue((benchmarks[2]["stderrTail"] as? String ?? "").contains("threw on purpose"))
        XCTAssertTrue(result.stdout.contains("💥 Crashed: SIGSEGV"), result.stdout)
        XCTAssertTrue(result.stdout.contains("⏱️ Timeout"), result.stdout)
    }

    func testFailingCommandKeepsItsMessageAndExitsOne() throws {
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = "exit 3"
            command = [\(tomlString(CLIHarness.fixture)), "exit", "3", "disk quota exceeded"]

            [[benchmark]]
            name = "missing"
            command = ["no-such-program-benchboard"]
            """))
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 1)
        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks[0]["outcome"] as? String, "failed")
        XCTAssertEqual(benchmarks[0]["exitCode"] as? Int, 3)
        XCTAssertTrue((benchmarks[0]["stderrTail"] as? String ?? "").contains("disk quota exceeded"))
        XCTAssertEqual(benchmarks[1]["outcome"] as? String, "error")
        XCTAssertTrue((benchmarks[1]["error"] as? String ?? "").contains("no-such-program-benchboard"))
    }

    func testSamplesReportedOnTheResultChannelReplaceWallTimes() throws {
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = "self-timed harness"
            command = [\(tomlString(CLIHarness.fixture)), "fd3", "4"]
            warmup = 1
            iterations = 2
            """))
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let benchmark = try XCTUnwrap(cli.historyRuns().first?.benchmarks().first)
        // Each run of the fixture reports 1000, 2001, 3001, 1002, 2003, 3003 ns; the warm-up's are not kept.
        let one: [Int] = [1000, 2001, 3001, 1002, 2003, 3003]
        XCTAssertEqual(benchmark["samplesNs"] as? [Int], one + one)
        XCTAssertEqual((benchmark["stats"] as? [String: Any])?["count"] as? Int, 12)
    }

    func testUnsafeNamesAreStoredAsText() throws {
        let name = "<script>alert(1)</script> ../../etc/passwd & \"quoted\""
        try cli.write("config.toml", suite("""
            [[benchmark]]
            name = \(tomlString(name))
            swift = "noop"
            """))
        let result = try cli.run(["run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try cli.historyRuns().first?.benchmarks().first?["name"] as? String, name)
        XCTAssertEqual(cli.historyFileNames().count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/passwd.html"))
    }
}

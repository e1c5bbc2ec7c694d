import Foundation
import PlatformSupport
import XCTest

/// `benchboard run` where it cannot isolate (macOS; here, a BENCHBOARD_PORTABLE build, see
/// scripts/test-portable.sh): swift benchmarks in-process with mode fallback, said once; command
/// benchmarks as plain children; a limit nothing would enforce ends its benchmark `error`.
final class PortableRunTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        try skipWithIsolation()
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli?.cleanUp()
    }

    private func config(_ benchmarks: String) -> String {
        "[defaults]\nwarmup = 1\niterations = 3\n\n" + benchmarks
    }

    private func byName(_ benchmarks: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: benchmarks.compactMap { benchmark in
            (benchmark["name"] as? String).map { ($0, benchmark) }
        })
    }

    func testSwiftBenchmarksRunInProcessAsFallbackAndTheReasonIsSaidOnce() throws {
        try cli.write("config.toml", config("""
            [[benchmark]]
            name = "first"
            swift = "noop"

            [[benchmark]]
            name = "second"
            swift = "noop"

            [[benchmark]]
            name = "command"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            """))
        let result = try cli.run(["run", "--no-report", "--isolation"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let benchmarks = byName(try XCTUnwrap(cli.historyRuns().first).benchmarks())
        XCTAssertEqual(benchmarks["first"]?["mode"] as? String, "fallback")
        XCTAssertEqual(benchmarks["second"]?["mode"] as? String, "fallback")
        XCTAssertEqual(benchmarks["command"]?["outcome"] as? String, "ok")
        let notices = result.stderr.split(separator: "\n").filter { $0.contains("swift benchmarks run in-process (mode: fallback)") }
        XCTAssertEqual(notices.count, 1, result.stderr)
        XCTAssertTrue(notices.first?.contains("without cgroups") == true, result.stderr)
    }

    func testCommandBenchmarksCrashTimeOutAndExitThroughTheSpawner() throws {
        try cli.write("config.toml", config("""
            [[benchmark]]
            name = "crasher"
            command = [\(tomlString(CLIHarness.fixture)), "segv"]

            [[benchmark]]
            name = "sleeper"
            command = [\(tomlString(CLIHarness.fixture)), "sleep", "30000"]
            timeout_ms = 300

            [[benchmark]]
            name = "failing"
            command = [\(tomlString(CLIHarness.fixture)), "exit", "4", "bad input"]

            [[benchmark]]
            name = "hog"
            command = [\(tomlString(CLIHarness.fixture)), "hog", "32"]
            """))
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let benchmarks = byName(try XCTUnwrap(cli.historyRuns().first).benchmarks())
        XCTAssertEqual(benchmarks["crasher"]?["outcome"] as? String, "crashed")
        XCTAssertEqual(benchmarks["crasher"]?["signal"] as? String, "SIGSEGV")
        XCTAssertEqual(benchmarks["sleeper"]?["outcome"] as? String, "timeout")
        XCTAssertEqual(benchmarks["failing"]?["outcome"] as? String, "failed")
        XCTAssertEqual(benchmarks["failing"]?["exitCode"] as? Int, 4)
        let hog = try XCTUnwrap(benchmarks["hog"])
        XCTAssertEqual(hog["outcome"] as? String, "ok")
        let resources = try XCTUnwrap(hog["resources"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(resources["maxRSSBytes"] as? Int ?? 0, 32 << 20)
    }

    func testLimitsThatCannotBeEnforcedEndTheBenchmarkWithTheReason() throws {
        try cli.write("config.toml", config("""
            [[benchmark]]
            name = "limited swift"
            swift = "noop"
            max_memory_mb = 256

            [[benchmark]]
            name = "limited command"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            max_processes = 64

            [[benchmark]]
            name = "output capped"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            max_output_mb = 1
            """))
        let result = try cli.run(["run", "--no-report", "--isolation"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let benchmarks = byName(try XCTUnwrap(cli.historyRuns().first).benchmarks())
        let swift = try XCTUnwrap(benchmarks["limited swift"])
        XCTAssertEqual(swift["outcome"] as? String, "error")
        XCTAssertTrue((swift["error"] as? String ?? "").contains("max_memory_mb"), "\(swift)")
        let command = try XCTUnwrap(benchmarks["limited command"])
        XCTAssertEqual(command["outcome"] as? String, "error")
        XCTAssertTrue((command["error"] as? String ?? "").contains("max_processes"), "\(command)")
        XCTAssertEqual(benchmarks["output capped"]?["outcome"] as? String, "ok", "the spawner enforces the output cap itself")
    }
}

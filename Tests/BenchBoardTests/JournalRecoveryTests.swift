import Foundation
import XCTest

/// benchboard itself dies mid-run (an in-process benchmark crashes it, or it is killed with
/// SIGKILL): the results finished before are in the run's journal, and the next `run`, `report`
/// or `recover` stores them as an interrupted run.
final class JournalRecoveryTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    // One round: the crash is to kill benchboard in the benchmark's one process.
    private let crashingSuite = """
        [defaults]
        warmup = 0
        iterations = 3
        rounds = 1

        [[benchmark]]
        name = "noop"
        swift = "noop"

        [[benchmark]]
        name = "crash"
        swift = "crash-sigsegv"

        [[benchmark]]
        name = "after"
        swift = "noop"
        """

    /// Runs the crashing suite in-process, checks that benchboard died and stored no run file.
    private func crashRun(environment: [String: String]) throws {
        try cli.write("config.toml", crashingSuite)
        let result = try cli.run(["run", "--no-report", "--filter", "noop|crash|after"], environment: environment)
        XCTAssertNotEqual(result.status, 0, "the in-process crash kills benchboard: \(result.stdout)")
        XCTAssertEqual(cli.historyFileNames(), [], "a dead run writes no run file itself")
        XCTAssertEqual(journals().count, 1, "the dead run leaves its journal")
    }

    private func journals() -> [String] {
        let folder = cli.directory.appending(path: "output/history/.journal")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".jsonl") }
    }

    /// The one recovered run: interrupted, holding what finished before the crash.
    private func assertRecoveredNoop(file: StaticString = #filePath, line: UInt = #line) throws {
        let runs = try cli.historyRuns()
        XCTAssertEqual(runs.count, 1, file: file, line: line)
        let run = try XCTUnwrap(runs.first, file: file, line: line)
        XCTAssertEqual(run["interrupted"] as? Bool, true, file: file, line: line)
        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["noop"], file: file, line: line)
        XCTAssertEqual(benchmarks.first?["outcome"] as? String, "ok", file: file, line: line)
        XCTAssertEqual((benchmarks.first?["samplesNs"] as? [Any])?.count, 3, file: file, line: line)
        let selection = try XCTUnwrap(run["selection"] as? [String: Any], file: file, line: line)
        XCTAssertEqual(selection["filter"] as? String, "noop|crash|after", file: file, line: line)
        XCTAssertEqual(journals(), [], "the journal is gone once stored", file: file, line: line)
    }

    func testInProcessCrashIsRecoveredByRecover() throws {
        try crashRun(environment: ["BENCHMARK_ISOLATION": "0"])
        let listed = try cli.run(["runs"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("benchboard recover"), "runs says a journal is waiting: \(listed.stdout)")
        XCTAssertEqual(journals().count, 1, "runs only lists")

        let recovered = try cli.run(["recover"])
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        try assertRecoveredNoop()

        let again = try cli.run(["recover"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(cli.historyFileNames().count, 1, "recovering twice stores nothing twice")
    }

    func testInProcessCrashIsRecoveredByReport() throws {
        try crashRun(environment: ["BENCHMARK_ISOLATION": "0"])
        let report = try cli.run(["report"])
        XCTAssertEqual(report.status, 0, report.stderr)
        try assertRecoveredNoop()
    }

    /// The launcher cannot start: swift benchmarks fall back in-process, where the crash kills
    /// benchboard too. The next `run` recovers the dead run before its own.
    func testFallbackCrashIsRecoveredByTheNextRun() throws {
        try crashRun(environment: ["BENCHBOARD_LAUNCHER": "/nonexistent/benchboard-launcher"])
        let next = try cli.run(["run", "--no-report", "--filter", "^noop$"], environment: ["BENCHMARK_ISOLATION": "1"])
        XCTAssertEqual(next.status, 0, next.stderr)
        let runs = try cli.historyRuns()
        XCTAssertEqual(runs.count, 2)
        let interrupted = runs.filter { $0["interrupted"] as? Bool == true }
        XCTAssertEqual(interrupted.count, 1)
        XCTAssertEqual(try interrupted.first?.benchmarks().map { $0["name"] as? String }, ["noop"])
        XCTAssertEqual(try interrupted.first?.benchmarks().first?["mode"] as? String, "fallback")
        XCTAssertEqual(journals(), [])
    }

    /// SIGKILL cannot be caught: only the journal keeps what finished.
    func testKillNineMidRunKeepsTheFinishedResults() throws {
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 2

            [[benchmark]]
            name = "quick"
            command = [\(tomlString(CLIHarness.fixture)), "true"]

            [[benchmark]]
            name = "also quick"
            command = [\(tomlString(CLIHarness.fixture)), "true"]

            [[benchmark]]
            name = "sleeper"
            command = [\(tomlString(CLIHarness.fixture)), "sleep", "60000"]
            timeout_ms = 120000
            """)
        let (process, _, _) = try cli.start(["run", "--no-report"])
        // Header plus two results: the sleeper is running.
        let deadline = Date().addingTimeInterval(60)
        while journalLines() < 3, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(journalLines(), 3, "both quick results are journaled before the sleeper ends")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(cli.historyFileNames(), [])

        let recovered = try cli.run(["recover"])
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        XCTAssertTrue(recovered.stdout.contains("Recovered"), recovered.stdout)
        let run = try XCTUnwrap(try cli.historyRuns().first)
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["quick", "also quick"])
        XCTAssertEqual(journals(), [])
    }

    /// SIGKILL in round 2: the journal holds each benchmark after each of its rounds, and the
    /// recovered run keeps every finished round (the last line per benchmark), the round cut
    /// short left out.
    func testKillNineInALaterRoundKeepsTheFinishedRounds() throws {
        // The sleeper's first process leaves a marker and exits; every later one sleeps.
        try cli.write("config.toml", """
            [defaults]
            warmup = 0

            [[benchmark]]
            name = "quick"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            iterations = 6
            rounds = 3

            [[benchmark]]
            name = "sleeper"
            command = ["sh", "-c", "if [ -e marker ]; then sleep 60; else touch marker; fi"]
            iterations = 2
            rounds = 2
            timeout_ms = 120000
            """)
        let (process, _, _) = try cli.start(["run", "--no-report"])
        // Header, both of round 1, quick of round 2: the sleeper's round 2 is running.
        let deadline = Date().addingTimeInterval(60)
        while journalLines() < 4, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(journalLines(), 4, "each benchmark is journaled after each round")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(cli.historyFileNames(), [])

        let recovered = try cli.run(["recover"])
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        let run = try XCTUnwrap(try cli.historyRuns().first)
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["quick", "sleeper"], "one entry per benchmark")
        let rounds = benchmarks.map { ($0["processes"] as? [[String: Any]])?.map { $0["round"] as? Int } }
        XCTAssertEqual(rounds, [[1, 2], [1]])
        XCTAssertEqual(benchmarks.map { ($0["samplesNs"] as? [Any])?.count }, [4, 1])
        XCTAssertEqual(journals(), [])
    }

    /// Several reports start at once on one dead journal: exactly one run file, no journal left,
    /// and none of them fails.
    func testConcurrentReportsRecoverOnce() throws {
        try crashRun(environment: ["BENCHMARK_ISOLATION": "0"])
        let started = try (0..<4).map { index in
            try cli.start(["report", "--output", "out-\(index)"])
        }
        for (process, _, err) in started {
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            XCTAssertEqual(process.terminationStatus, 0, stderr)
            XCTAssertFalse(stderr.contains("error"), stderr)
        }
        try assertRecoveredNoop()
    }

    func testRecoverHelpAndBadHistory() throws {
        let help = try cli.run(["recover", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--history"), help.stdout)
        try cli.write("not-a-folder", "x")
        let bad = try cli.run(["recover", "--history", "not-a-folder"])
        XCTAssertEqual(bad.status, 2, bad.stdout + bad.stderr)
        XCTAssertTrue(bad.stderr.contains("not-a-folder"), bad.stderr)
        let empty = try cli.run(["recover", "--history", "nothing-here"])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("Nothing to recover"), empty.stdout)
    }

    private func journalLines() -> Int {
        guard let name = journals().first,
            let data = FileManager.default.contents(atPath: cli.directory.appending(path: "output/history/.journal/\(name)").path)
        else { return 0 }
        return data.filter { $0 == UInt8(ascii: "\n") }.count
    }
}

import Foundation
import XCTest

/// `benchboard ab` with real processes: command benchmarks in two trees, Swift benchmarks through
/// a second executable (a script in front of the test build, so no package is built here).
final class ABCommandTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    /// A tree whose `prog` sleeps `ms` milliseconds (through the fixture, one process per iteration).
    private func tree(_ name: String, ms: Int, config: String, extra: [String: Int] = [:]) throws {
        try FileManager.default.createDirectory(at: cli.directory.appending(path: name), withIntermediateDirectories: true)
        try script("\(name)/prog", "exec \(CLIHarness.fixture) sleep \(ms)")
        for (program, ms) in extra { try script("\(name)/\(program)", "exec \(CLIHarness.fixture) sleep \(ms)") }
        try cli.write("\(name)/config.toml", config)
    }

    private func script(_ path: String, _ body: String) throws {
        try cli.write(path, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.directory.appending(path: path).path)
    }

    private func suite(_ benchmarks: [(name: String, program: String)], iterations: Int = 6) -> String {
        "[defaults]\nwarmup = 1\niterations = \(iterations)\n\n[report]\ntitle = \"ab test\"\n\n"
            + benchmarks.map { "[[benchmark]]\nname = \"\($0.name)\"\ncommand = [\"./\($0.program)\"]\n" }.joined(separator: "\n")
    }

    private func json(_ result: CLIHarness.Result) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout + result.stderr)
    }

    private func rows(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as? String ?? "", $0) })
    }

    private func timeVerdict(_ row: [String: Any]?) -> String? {
        (row?["time"] as? [String: Any])?["verdict"] as? String
    }

    func testTwiceAsSlowIsCaughtEitherWay() throws {
        // 20 samples a side over 10 rounds: 8 pairs is the fewest with which the signed-rank test
        // can reach α = 0.01, and only when all 8 agree; 10 leave room for a pair a loaded machine
        // turns around.
        let config = suite([("prog", "prog")], iterations: 20)
        try tree("fast", ms: 20, config: config)
        try tree("slow", ms: 40, config: config)

        // The base is twice as slow: the head is an improvement. (CPU time and memory of processes
        // this short are judged by their threshold alone, so only the headline is asserted.)
        let faster = try cli.run(["ab", "--config", "fast/config.toml", "--base-dir", "slow", "--base-label", "main",
                                  "--rounds", "10", "--format", "json"])
        XCTAssertEqual(faster.status, 0, faster.stderr)
        let improved = try json(faster)
        XCTAssertEqual(timeVerdict(try rows(improved)["prog"]), "improvement", faster.stdout)
        XCTAssertEqual(improved["hasRegressionOrFailure"] as? Bool, false, faster.stdout)
        XCTAssertEqual((improved["ab"] as? [String: Any])?["label"] as? String, "main")

        // The head is twice as slow: a regression, and --fail-on-regression exits 1 as compare does.
        let slower = try cli.run(["ab", "--config", "slow/config.toml", "--base-dir", "fast", "--base-label", "main",
                                  "--rounds", "10", "--fail-on-regression"])
        XCTAssertEqual(slower.status, 1, slower.stdout + slower.stderr)
        let line = try XCTUnwrap(slower.stdout.split(separator: "\n").first { $0.hasPrefix("regression") }, slower.stdout)
        XCTAssertTrue(line.contains("prog"), slower.stdout)
        XCTAssertTrue(slower.stdout.contains("Baseline: Judged A/B against main in this job."), slower.stdout)
        // A line per round, then the further rounds that confirm the call (at least 6: fewer pairs
        // cannot show p < 0.05).
        let rounds = slower.stderr.split(separator: "\n").filter { $0.hasPrefix("round ") || $0.hasPrefix("confirming: round ") }
            .map { $0.split(separator: ":").dropLast().joined(separator: ":") }
        XCTAssertEqual(rounds, (1...10).map { "round \($0)/10" } + (1...10).map { "confirming: round \($0)/10" }, slower.stderr)
        XCTAssertTrue(slower.stderr.contains("confirming 1 benchmark in 10 further rounds: prog"), slower.stderr)
        let confirmed = try cli.run(["ab", "--config", "slow/config.toml", "--base-dir", "fast", "--rounds", "10", "--format", "json"])
        let time = try XCTUnwrap(try rows(try json(confirmed))["prog"]?["time"] as? [String: Any], confirmed.stdout)
        XCTAssertEqual(time["verdict"] as? String, "regression", confirmed.stdout)
        XCTAssertTrue((time["note"] as? String ?? "").contains("confirmed by 10 further rounds of this benchmark alone"), confirmed.stdout)
    }

    func testConfirmRoundsOutOfRangeIsAUsageError() throws {
        try tree("head", ms: 1, config: suite([("prog", "prog")]))
        let result = try cli.run(["ab", "--config", "head/config.toml", "--base-dir", "head", "--confirm-rounds", "1"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--confirm-rounds 1 is out of range; give 6 to 100 (fewer pairs cannot show p < 0.05), or 0 for none"), result.stderr)
    }

    func testATreeAgainstItselfDoesNotRegressAndIsRecordedWithItsBase() throws {
        try tree("head", ms: 10, config: suite([("prog", "prog")]))
        let result = try cli.run([
            "ab", "--config", "head/config.toml", "--base-dir", "head", "--base-label", "main", "--base-commit",
            "abc1234def0", "--rounds", "4", "--format", "json", "--record", "--keep-base", "--summary", "summary.md",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let document = try json(result)
        XCTAssertEqual(document["hasRegressionOrFailure"] as? Bool, false, result.stdout)
        XCTAssertNotEqual(timeVerdict(try rows(document)["prog"]), "regression", result.stdout)

        // The head run is stored marked with its base, whose run is kept too; each holds one process per round.
        let runs = try cli.historyRuns("head/output/history")
        XCTAssertEqual(runs.count, 2)
        let head = try XCTUnwrap(runs.first { $0["ab"] is [String: Any] })
        let base = try XCTUnwrap(runs.first { !($0["ab"] is [String: Any]) })
        let ab = try XCTUnwrap(head["ab"] as? [String: Any])
        XCTAssertEqual(ab["label"] as? String, "main")
        XCTAssertEqual(ab["commit"] as? String, "abc1234def0")
        XCTAssertEqual(ab["runID"] as? String, base["id"] as? String)
        for run in [head, base] {
            let benchmark = try XCTUnwrap(try run.benchmarks().first)
            let processes = try XCTUnwrap(benchmark["processes"] as? [[String: Any]])
            XCTAssertEqual(processes.compactMap { $0["round"] as? Int }, [1, 2, 3, 4])
            // 6 iterations over 4 rounds, divided as `run` divides them.
            XCTAssertEqual(processes.compactMap { $0["samples"] as? Int }, [2, 2, 1, 1])
            XCTAssertEqual((benchmark["samplesNs"] as? [Any])?.count, 6)
            // The settings as configured, as `run` records them: not one pass's share.
            let settings = try XCTUnwrap(benchmark["config"] as? [String: Any])
            XCTAssertEqual(settings["iterations"] as? Int, 6)
            XCTAssertEqual(settings["rounds"] as? Int, 4)
        }
        let summary = try String(contentsOf: cli.directory.appending(path: "summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.contains("Judged A/B against main @ abc1234 in this job"), summary)
    }

    func testABenchmarkOnOneSideOnlyIsNewOrRemoved() throws {
        try tree("head", ms: 5, config: suite([("prog", "prog"), ("added", "added")]), extra: ["added": 5])
        try tree("base", ms: 5, config: suite([("prog", "prog"), ("gone", "prog")]))
        let result = try cli.run(["ab", "--config", "head/config.toml", "--base-dir", "base", "--rounds", "2", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try rows(try json(result))
        XCTAssertEqual(rows["added"]?["verdict"] as? String, "new", result.stdout)
        XCTAssertEqual(rows["gone"]?["verdict"] as? String, "removed", result.stdout)
        XCTAssertNotNil(rows["prog"])
        XCTAssertTrue(result.stderr.contains("'added' runs on the head side only (the base tree has no ./added)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("gone; listed as removed"), result.stderr)
    }

    func testSwiftBenchmarksRunInTheBaseExecutablesWorkers() throws {
        let marker = cli.directory.appending(path: "base-invocations").path
        // The base build: the test build behind a script that logs how it is started and registers
        // only noop, so the other benchmark is on the head side only.
        try script("base-benchboard", """
            echo "$1" >> \(marker)
            if [ "$1" = worker-protocol ]; then printf 'benchboard-worker-protocol 1 debug\\nnoop\\n'; exit 0; fi
            exec \(CLIHarness.benchboard) "$@"
            """)
        try cli.write("config.toml", """
            [defaults]
            warmup = 1
            iterations = 4

            [[benchmark]]
            name = "noop"
            swift = "noop"

            [[benchmark]]
            name = "sort"
            swift = "sort-integers"
            """)
        let result = try cli.run(["ab", "--base-executable", "base-benchboard", "--rounds", "2", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try rows(try json(result))
        XCTAssertEqual(rows["sort"]?["verdict"] as? String, "new", result.stdout)
        XCTAssertNotEqual(rows["noop"]?["verdict"] as? String, "new", result.stdout)
        XCTAssertNotEqual(rows["noop"]?["verdict"] as? String, "failed", result.stdout)
        XCTAssertTrue(result.stderr.contains("the base executable registers no Swift benchmark 'sort-integers'"), result.stderr)
        let invocations = try String(contentsOfFile: marker, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(invocations.first, "worker-protocol")
        XCTAssertTrue(invocations.contains("worker-server"), "the base side's workers come from the base executable")
    }

    func testABaseThatCannotBeUsedIsAUsageError() throws {
        try tree("head", ms: 1, config: suite([("prog", "prog")]))
        try script("not-benchboard", "exit 0")
        try script("old-protocol", "printf 'benchboard-worker-protocol 0 release\\nnoop\\n'")
        try script("older-benchboard", "echo \"error: 'worker-protocol' is not a benchboard subcommand.\" >&2; exit 2")
        try cli.write("swift.toml", "[[benchmark]]\nname = \"noop\"\nswift = \"noop\"\n")
        let cases: [([String], String)] = [
            (["--config", "head/config.toml", "--base-dir", "missing"], "--base-dir missing is not a folder"),
            (["--config", "head/config.toml"], "ab needs a base"),
            (["--config", "head/config.toml", "--base-dir", "head", "--rounds", "1"], "--rounds 1 is out of range"),
            (["--config", "head/config.toml", "--base-dir", "head", "--keep-base"], "use it with --record"),
            (["--config", "swift.toml", "--base-dir", "head"], "give --base-executable PATH"),
            (["--config", "head/config.toml", "--base-executable", "nothing-here"], "--base-executable nothing-here: no such file"),
            (["--config", "swift.toml", "--base-executable", "head"], "is not an executable file"),
            (["--config", "swift.toml", "--base-executable", "not-benchboard"], "does not answer `worker-protocol` as a benchboard executable does"),
            (["--config", "swift.toml", "--base-executable", "older-benchboard"], "It said: error: 'worker-protocol' is not a benchboard subcommand."),
            (["--config", "swift.toml", "--base-executable", "old-protocol"], "speaks worker protocol 0 and this benchboard speaks 1"),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(["ab"] + arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, result.stdout)
        }
        XCTAssertTrue(cli.historyFileNames("head/output/history").isEmpty)
    }

    func testHelpDescribesTheBaseOptions() throws {
        let result = try cli.run(["ab", "--help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for option in ["--base-dir <dir>", "--base-executable <path>", "--rounds <n>", "--confirm-rounds <n>", "--fail-on-regression", "--record", "--keep-base", "--summary <file>"] {
            XCTAssertTrue(result.stdout.contains(option), "\(option) in: \(result.stdout)")
        }
        let overview = try cli.run(["--help"])
        XCTAssertTrue(overview.stdout.contains("ab "), overview.stdout)
    }
}

import Foundation
import XCTest

/// `--filter` and `--shard` as a CI job uses them.
final class SelectionTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private func suite(_ names: [String]) -> String {
        "[defaults]\nwarmup = 0\niterations = 2\n\n" + names.map {
            "[[benchmark]]\nname = \(tomlString($0))\ncommand = [\(tomlString(CLIHarness.fixture)), \"true\"]\n"
        }.joined(separator: "\n")
    }

    /// `(a+)+$` against 40 a's and a '!' took a backtracking matcher 14–20 s of CPU. The linear
    /// matcher answers at once; the child gets a generous 10 s before it counts as hung.
    func testCatastrophicPatternCannotHangTheFilter() throws {
        let hostile = String(repeating: "a", count: 40) + "!"
        try cli.write("config.toml", suite([hostile, "aaaa"]))
        let (process, out, err) = try cli.start(["list", "--filter", "(a+)+$"])
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTFail("list --filter '(a+)+$' was still matching after 10 s")
            return
        }
        let stdout = try String(contentsOf: out, encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, 0, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        let names = stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertEqual(names.first, "aaaa", stdout)
        XCTAssertFalse(stdout.contains(hostile), "the name ending in ! does not match (a+)+$")
    }

    func testUnsupportedFilterIsRefusedWithTheReason() throws {
        try cli.write("config.toml", suite(["a"]))
        let result = try cli.run(["list", "--filter", "(?<=x)a"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--filter '(?<=x)a' at character 1: lookaround"), result.stderr)
    }

    /// A CI matrix with more jobs than benchmarks: the job without a benchmark succeeds.
    func testEmptyShardExitsZeroWithANoteAndWritesNothing() throws {
        try cli.write("config.toml", suite(["one", "two"]))
        let result = try cli.run(["run", "--shard", "3/3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("note: shard 3/3 has no benchmarks"), result.stdout)
        XCTAssertTrue(result.stdout.contains("no run file was written"), result.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.directory.appending(path: "output").path))

        // `list` shows what each job of the matrix would run.
        let second = try cli.run(["list", "--shard", "2/3"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first, "two", second.stdout)
        let empty = try cli.run(["list", "--shard", "3/3"])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("note: shard 3/3 has no benchmarks"), empty.stdout)

        // A filter that matches nothing is still a mistake.
        let typo = try cli.run(["run", "--filter", "three", "--shard", "1/3"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("--filter 'three'"), typo.stderr)
    }

    /// A filtered run records what it selected, and its comparison does not call the benchmarks it
    /// left out "removed".
    func testFilteredRunRecordsItsSelectionAndRemovesNothing() throws {
        try cli.write("config.toml", suite(["one", "two", "three"]))
        XCTAssertEqual(try cli.run(["run", "--no-report"]).status, 0)
        let filtered = try cli.run(["run", "--filter", "^t", "--shard", "1/2"])
        XCTAssertEqual(filtered.status, 0, filtered.stderr)

        // Both may start within one second: order by the sub-second start, as the history does.
        let runs = try cli.historyRuns().sorted { (($0["startedAtUnixNs"] as? NSNumber)?.int64Value ?? 0) < (($1["startedAtUnixNs"] as? NSNumber)?.int64Value ?? 0) }
        XCTAssertEqual(runs.count, 2)
        XCTAssertNil(runs[0]["selection"], "a whole-suite run records no selection")
        let selection = try XCTUnwrap(runs[1]["selection"] as? [String: Any])
        XCTAssertEqual(selection["filter"] as? String, "^t")
        XCTAssertEqual(selection["shard"] as? String, "1/2")
        XCTAssertEqual(selection["notSelected"] as? [String], ["one", "three"])
        XCTAssertEqual(try runs[1].benchmarks().map { $0["name"] as? String }, ["two"])

        let compare = try cli.run(["compare", "previous", "--format", "json"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        let verdicts = try XCTUnwrap(document["benchmarks"] as? [[String: Any]]).map { $0["verdict"] as? String }
        XCTAssertEqual(verdicts.count, 1, compare.stdout)
        XCTAssertFalse(verdicts.contains("removed"), compare.stdout)
        XCTAssertTrue(compare.stderr.contains("2 benchmark(s) of the baseline were not selected"), compare.stderr)

        let summary = try String(contentsOf: cli.directory.appending(path: "output/summary.md"), encoding: .utf8)
        XCTAssertFalse(summary.contains("removed"), summary)
    }
}

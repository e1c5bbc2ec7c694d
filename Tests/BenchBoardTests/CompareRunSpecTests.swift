import BenchModel
import Foundation
import XCTest

/// `compare` takes every run spec `--baseline` takes, looked up in `--history`, and `previous`,
/// `branch:` and `commit:` prefer a run of the same machine and build configuration.
final class CompareRunSpecTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "hist"), withIntermediateDirectories: true)
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private static let machineA = MachineInfo(
        hostname: "runner-a", os: "Debian 13", kernel: "6.18", cpuModel: "CPU A", cores: 2, memoryBytes: 1 << 33, swiftVersion: "6.3.1")
    private static let machineB = MachineInfo(
        hostname: "runner-b", os: "Debian 13", kernel: "6.18", cpuModel: "CPU B", cores: 16, memoryBytes: 1 << 36, swiftVersion: "6.3.1")

    @discardableResult
    private func store(
        _ id: String, at seconds: Double, branch: String, commit: String, machine: MachineInfo = machineA,
        build: String = "release"
    ) throws -> String {
        let samples = (0..<10).map { 1_000_000 + Int64($0) * 1_000 }
        let result = BenchmarkResult(
            name: "parse", group: "core", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0, timeoutMs: 10_000,
            warmup: 0, samplesNs: samples, resources: Resources(totalMs: 50))
        let start = 1_780_000_000 + seconds
        let record = RunRecord(
            id: id, startedAt: Date(timeIntervalSince1970: start.rounded(.down)),
            startedAtUnixNs: Int64((start * 1e9).rounded()), finishedAt: Date(timeIntervalSince1970: start.rounded(.down) + 1),
            isolation: true, buildConfiguration: build, git: GitInfo(commit: commit, branch: branch, dirty: false),
            machine: machine, benchmarks: [result])
        let name = "hist/\(id).json"
        try RunRecordCoding.encoder().encode(record).write(to: cli.directory.appending(path: name))
        return name
    }

    /// The ids of the baseline and current runs `compare` chose, and its stderr.
    private func compare(_ arguments: [String]) throws -> (base: String?, head: String?, stderr: String, caveat: String?) {
        let result = try cli.run(["compare"] + arguments + ["--history", "hist", "--format", "json"])
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let base = (document["baseline"] as? [String: Any])?["id"] as? String
        let head = (document["current"] as? [String: Any])?["id"] as? String
        return (base, head, result.stderr, document["caveat"] as? String)
    }

    func testEveryRunSpecAndTheSameMachineFirst() throws {
        let m1File = try store("m1", at: 0, branch: "main", commit: "aaaa111")
        try store("m2", at: 60, branch: "main", commit: "bbbb222")
        try store("x1", at: 120, branch: "main", commit: "cccc333", machine: Self.machineB)
        try store("f1", at: 180, branch: "feature/x", commit: "dddd444")

        var chosen = try compare(["previous", "f1"])
        XCTAssertEqual(chosen.base, "m2", "the same machine's previous run, not the newer run of another machine")
        XCTAssertEqual(chosen.head, "f1")
        XCTAssertEqual(chosen.stderr, "")
        XCTAssertNil(chosen.caveat)

        chosen = try compare(["previous"])
        XCTAssertEqual([chosen.base, chosen.head], ["m2", "f1"], "HEAD defaults to the newest run of --history")

        chosen = try compare(["branch:main", "branch:feature/x"])
        XCTAssertEqual([chosen.base, chosen.head], ["m2", "f1"], "branch:NAME with a slash is no path")

        chosen = try compare(["commit:BBBB", "commit:dddd444"])
        XCTAssertEqual([chosen.base, chosen.head], ["m2", "f1"])

        chosen = try compare(["m1", "f1"])
        XCTAssertEqual(chosen.base, "m1")
        chosen = try compare([m1File, "hist"])
        XCTAssertEqual([chosen.base, chosen.head], ["m1", "f1"], "a run file and a folder's newest run")

        // Only another machine ran that commit: taken, and said so.
        chosen = try compare(["commit:cccc", "f1"])
        XCTAssertEqual(chosen.base, "x1")
        XCTAssertTrue(chosen.stderr.contains("note: No run of commit cccc on this machine"), chosen.stderr)
        XCTAssertTrue(chosen.stderr.contains("runner-b"), chosen.stderr)
        XCTAssertTrue(chosen.caveat?.hasPrefix("No run of commit cccc on this machine") ?? false, "the output says it too")

        // A debug build has no debug baseline: the release run is a fallback.
        try store("d1", at: 240, branch: "feature/x", commit: "eeee555", build: "debug")
        chosen = try compare(["previous", "d1"])
        XCTAssertEqual(chosen.base, "f1")
        XCTAssertTrue(chosen.stderr.contains("with a debug build"), chosen.stderr)
        XCTAssertTrue(chosen.stderr.contains("a release build"), chosen.stderr)

        // `report` takes the same baseline for its newest run (d1) and puts the note in summary.md.
        let report = try cli.run(["report", "--history", "hist", "--output", "out"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stderr.contains("note: No earlier run on this machine with a debug build"), report.stderr)
        let summary = try String(contentsOf: cli.directory.appending(path: "out/summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.contains("No earlier run on this machine with a debug build; the baseline is run f1"), summary)
    }

    func testRunsOfTheSameSecondKeepTheirOrder() throws {
        // The later run has the smaller id: ordering by id would make it the older one.
        try store("zz-early", at: 300.1, branch: "main", commit: "aaaa111")
        try store("aa-late", at: 300.9, branch: "main", commit: "bbbb222")
        let chosen = try compare(["previous"])
        XCTAssertEqual([chosen.base, chosen.head], ["zz-early", "aa-late"])
    }

    func testSpecsThatMatchNothingAreErrors() throws {
        try store("m1", at: 0, branch: "main", commit: "aaaa111")
        for (arguments, expected) in [
            (["previous", "m1"], "no run matches 'previous' for run m1"),
            (["branch:nope", "m1"], "no run matches 'branch:nope'"),
            (["m1", "previous"], "'previous' names a baseline"),
            (["m1", "zzz"], "'zzz': neither a run file, a folder, nor a run id"),
            (["commit:xyz", "m1"], "is not a hexadecimal SHA"),
            (["missing.json", "m1"], "missing.json: no such run file"),
        ] {
            let result = try cli.run(["compare"] + arguments + ["--history", "hist"])
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
    }

    /// `--merge-base SHA`: the run of the pull request's merge-base commit when the history has
    /// one, else the newest run of the base branch; the caveat says which.
    func testMergeBaseRunFirstThenTheBranchNewest() throws {
        try store("m1", at: 0, branch: "main", commit: "aaaa1111")
        try store("m2", at: 60, branch: "main", commit: "bbbb2222")
        try store("f1", at: 120, branch: "feature/x", commit: "cccc3333")
        var chosen = try compare(["branch:main", "f1", "--merge-base", "aaaa1111"])
        XCTAssertEqual(chosen.base, "m1")
        XCTAssertEqual(chosen.caveat, "The baseline is run m1 of merge-base commit aaaa111 of branch main.")
        chosen = try compare(["branch:main", "f1", "--merge-base", "eeee5555"])
        XCTAssertEqual(chosen.base, "m2")
        XCTAssertTrue(chosen.caveat?.hasPrefix("No run of merge-base commit eeee555 in the history; the baseline is the newest run of branch main, run m2") ?? false, chosen.caveat ?? "")
        let refused = try cli.run(["compare", "previous", "f1", "--history", "hist", "--merge-base", "aaaa1111"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--merge-base needs a branch:NAME baseline"), refused.stderr)
    }
}

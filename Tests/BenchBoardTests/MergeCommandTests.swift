import BenchModel
import Foundation
import XCTest

/// `benchboard merge`: the shards of one commit become one run; anything else is refused.
final class MergeCommandTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private static let machine = MachineInfo(
        hostname: "runner-1", os: "Debian GNU/Linux 12", kernel: "6.1.0", cpuModel: "Xeon", cores: 4, memoryBytes: 16 << 30,
        swiftVersion: "6.3")

    private func shard(
        _ id: String, at seconds: TimeInterval, benchmarks: [String], commit: String = "c0ffee0000", medianNs: Int64 = 1_000,
        change: (inout RunRecord) -> Void = { _ in }
    ) throws -> String {
        let results = benchmarks.map { name in
            BenchmarkResult(
                name: name, group: "g", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0, timeoutMs: 1000, warmup: 0,
                samplesNs: [medianNs, medianNs + 10, medianNs - 10], resources: Resources(totalMs: 1))
        }
        let start = Date(timeIntervalSince1970: 1_760_000_000 + seconds)
        var run = RunRecord(
            id: id, startedAt: start, finishedAt: start.addingTimeInterval(30), isolation: true, buildConfiguration: "release",
            git: GitInfo(commit: commit, branch: "main", dirty: false), machine: Self.machine, benchmarks: results)
        change(&run)
        let name = "\(id).json"
        try RunRecordCoding.encoder().encode(run).write(to: cli.directory.appending(path: name))
        return name
    }

    private func bytes(_ names: [String]) throws -> [Data] {
        try names.map { try Data(contentsOf: cli.directory.appending(path: $0)) }
    }

    func testShardsOfOneCommitBecomeOneRunAndStayUntouched() throws {
        let second = try shard("bbbb0002", at: 120, benchmarks: ["parse", "render"]) { $0.machine.hostname = "runner-2" }
        let first = try shard("aaaa0001", at: 0, benchmarks: ["load"])
        let third = try shard("cccc0003", at: 60, benchmarks: ["save"]) { $0.git?.dirty = true }
        let before = try bytes([second, first, third])

        let result = try cli.run(["merge", second, first, third, "--history", "h"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try bytes([second, first, third]), before, "the originals are untouched")
        let runs = try cli.historyRuns("h")
        XCTAssertEqual(runs.count, 1)
        let merged = try XCTUnwrap(runs.first)
        XCTAssertEqual(merged["kind"] as? String, "merged")
        XCTAssertEqual(try merged.benchmarks().map { $0["name"] as? String }, ["load", "save", "parse", "render"], "by start time")
        XCTAssertEqual(merged["startedAt"] as? String, "2025-10-09T08:53:20Z", "the earliest shard's start")
        XCTAssertEqual(merged["finishedAt"] as? String, "2025-10-09T08:55:50Z", "the latest shard's finish")
        XCTAssertEqual((merged["git"] as? [String: Any])?["dirty"] as? Bool, true, "dirty when any shard was")
        XCTAssertEqual((merged["machine"] as? [String: Any])?["hostname"] as? String, "runner-1", "host names may differ")
        let source = try XCTUnwrap(merged["source"] as? [String: Any])
        XCTAssertEqual(source["runIDs"] as? [String], ["bbbb0002", "aaaa0001", "cccc0003"])
        XCTAssertNotEqual(merged["id"] as? String, "aaaa0001")

        // Run ids in the history folder work as well as files; `runs` lists the merged run.
        let ids = try cli.run(["merge", first, "cccc0003", "--history", "h2"])
        XCTAssertEqual(ids.status, 2, "cccc0003 is not in h2 yet: \(ids.stderr)")
        XCTAssertTrue(ids.stderr.contains("cccc0003: neither a run file nor a run id"), ids.stderr)
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "h2"), withIntermediateDirectories: true)
        for name in [first, third] {
            try FileManager.default.copyItem(at: cli.directory.appending(path: name), to: cli.directory.appending(path: "h2/\(name)"))
        }
        let inHistory = [first, third].map { "h2/\($0)" }
        let untouched = try bytes(inHistory)
        let byID = try cli.run(["merge", "aaaa", "cccc0003", "--history", "h2"])
        XCTAssertEqual(byID.status, 0, byID.stderr)
        XCTAssertEqual(cli.historyFileNames("h2").count, 3)
        XCTAssertEqual(try bytes(inHistory), untouched, "runs merged by id stay as they were")
    }

    func testDifferentCommitsMachinesOrBuildsAreRefused() throws {
        let base = try shard("aaaa0001", at: 0, benchmarks: ["load"])
        let cases: [(String, (inout RunRecord) -> Void, String)] = [
            ("commit", { $0.git?.commit = "deadbeef00" }, "the commit, so they did not measure the same thing: aaaa0001.json has c0ffee0000, other-commit.json has deadbeef00"),
            ("cores", { $0.machine.cores = 8 }, "the machine's core count, so they did not measure the same thing: aaaa0001.json has 4 cores, other-cores.json has 8 cores"),
            ("build", { $0.buildConfiguration = "debug" }, "the build configuration, so they did not measure the same thing: aaaa0001.json has release, other-build.json has debug"),
        ]
        for (label, change, expected) in cases {
            let other = try shard("other-\(label)", at: 10, benchmarks: ["save"], change: change)
            let result = try cli.run(["merge", base, other, "--history", "h"])
            XCTAssertEqual(result.status, 2, label)
            XCTAssertTrue(result.stderr.contains(expected), "\(label): \(result.stderr)")
            XCTAssertEqual(cli.historyFileNames("h"), [], label)
        }
        let none = try cli.run(["merge", "--history", "h"])
        XCTAssertEqual(none.status, 2, none.stderr)
        XCTAssertEqual(cli.historyFileNames("h"), [])
        // A matrix whose other shards were empty leaves one run file: that is the commit's run.
        let one = try cli.run(["merge", base, "--history", "h"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(cli.historyFileNames("h").count, 1)
        try FileManager.default.removeItem(at: cli.directory.appending(path: "h"))
        let twice = try cli.run(["merge", base, base, "--history", "h"])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("named twice"), twice.stderr)
    }

    /// Shards of a filtered run: what none of them ran stays "not selected" in the merged run.
    func testWhatNoShardRanStaysNotSelected() throws {
        let first = try shard("aaaa0001", at: 0, benchmarks: ["a"]) {
            $0.selection = RunSelection(filter: "a|b", shard: "1/2", notSelected: ["b", "c"])
        }
        let second = try shard("bbbb0002", at: 5, benchmarks: ["b"]) {
            $0.selection = RunSelection(filter: "a|b", shard: "2/2", notSelected: ["a", "c"])
        }
        let result = try cli.run(["merge", first, second, "--history", "h"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let selection = try XCTUnwrap(try cli.historyRuns("h").first?["selection"] as? [String: Any])
        XCTAssertEqual(selection["notSelected"] as? [String], ["c"])
        XCTAssertEqual(selection["filter"] as? String, "a|b")
        XCTAssertNil(selection["shard"] as? String)
    }

    func testABenchmarkTwiceNeedsPreferNewest() throws {
        let older = try shard("aaaa0001", at: 0, benchmarks: ["parse", "load"], medianNs: 1_000)
        let newer = try shard("bbbb0002", at: 60, benchmarks: ["parse"], medianNs: 5_000)
        let refused = try cli.run(["merge", newer, older, "--history", "h"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("\"parse\" is in aaaa0001.json and bbbb0002.json"), refused.stderr)
        XCTAssertEqual(cli.historyFileNames("h"), [])

        let result = try cli.run(["merge", newer, older, "--history", "h", "--prefer", "newest"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let merged = try XCTUnwrap(try cli.historyRuns("h").first)
        let benchmarks = try merged.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["parse", "load"])
        XCTAssertEqual(benchmarks.first?["samplesNs"] as? [Int64], [5_000, 5_010, 4_990], "the newer run's result")
        let wrong = try cli.run(["merge", newer, older, "--prefer", "oldest"])
        XCTAssertEqual(wrong.status, 2)
    }

    /// The real thing: two shards of one suite, run separately, merged back.
    func testRealShardsMergeIntoTheWholeSuite() throws {
        let command = "command = [\(tomlString(CLIHarness.fixture)), \"true\"]"
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 2

            [[benchmark]]
            name = "one"
            \(command)

            [[benchmark]]
            name = "two"
            \(command)

            [[benchmark]]
            name = "three"
            \(command)
            """)
        for index in 1...2 {
            let result = try cli.run(["run", "--shard", "\(index)/2", "--no-report", "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let shards = cli.historyFileNames().map { "output/history/\($0)" }
        XCTAssertEqual(shards.count, 2)
        let result = try cli.run(["merge"] + shards + ["--history", "merged"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let merged = try XCTUnwrap(try cli.historyRuns("merged").first)
        XCTAssertEqual(Set(try merged.benchmarks().compactMap { $0["name"] as? String }), ["one", "two", "three"])
        XCTAssertEqual(try cli.historyRuns().compactMap { ($0["selection"] as? [String: Any])?["shard"] as? String }.sorted(), ["1/2", "2/2"])
        XCTAssertNil(merged["selection"], "together the shards ran the whole suite")
    }
}

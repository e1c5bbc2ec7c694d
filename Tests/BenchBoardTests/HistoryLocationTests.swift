import BenchModel
import Foundation
import XCTest

/// Every command reads the history folder with the same limits: `[history] max_file_mb` applies
/// to `compare`, `runs` and `prune` as it does to `report`, also with `--history DIR`. A run id
/// found in two files is named, with both files.
final class HistoryLocationTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private func runFile(_ name: String, id: String, at seconds: TimeInterval, samples: Int) throws {
        let result = BenchmarkResult(
            name: "parse", group: "g", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0, timeoutMs: 1000, warmup: 0,
            samplesNs: (0..<samples).map { Int64(10_000_000 + $0 % 1000) }, resources: Resources(totalMs: 1))
        let start = Date(timeIntervalSince1970: 1_760_000_000 + seconds)
        let run = RunRecord(
            id: id, startedAt: start, finishedAt: start.addingTimeInterval(30), isolation: true, buildConfiguration: "release",
            git: GitInfo(commit: "c0ffee", branch: "main", dirty: false),
            machine: MachineInfo(hostname: "m", os: "Linux", kernel: "6", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3"),
            benchmarks: [result])
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "h"), withIntermediateDirectories: true)
        try RunRecordCoding.encoder().encode(run).write(to: cli.directory.appending(path: "h/\(name)"))
    }

    /// A small old run and a newer one of about 1.2 MiB, with `[history] max_file_mb = 1`.
    private func historyWithOneRunOverTheLimit() throws {
        try runFile("20251001T000000Z-small.json", id: "small", at: 0, samples: 10)
        try runFile("20251002T000000Z-big.json", id: "big", at: 86_400, samples: 140_000)
        try cli.write("config.toml", """
            [history]
            max_file_mb = 1

            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
    }

    private let skipped = "20251002T000000Z-big.json: skipped: 1.2 MiB, over the 1 MiB limit for a run file ([history] max_file_mb)"

    func testCompareHonoursMaxFileMB() throws {
        try historyWithOneRunOverTheLimit()
        let compare = try cli.run(["compare", "small", "big", "--history", "h"])
        XCTAssertEqual(compare.status, 2, compare.stdout + compare.stderr)
        XCTAssertTrue(compare.stderr.contains(skipped), compare.stderr)
        XCTAssertTrue(compare.stderr.contains("'big': neither a run file, a folder, nor a run id"), compare.stderr)
    }

    func testRunsAndPruneHonourMaxFileMBAlsoWithHistoryGiven() throws {
        try historyWithOneRunOverTheLimit()
        let runs = try cli.run(["runs", "--history", "h"])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(runs.stderr.contains(skipped), runs.stderr)
        XCTAssertFalse(runs.stdout.contains("big"), runs.stdout)

        let prune = try cli.run(["prune", "--keep-last", "0", "--dry-run", "--history", "h"])
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stdout.contains("would delete h/20251001T000000Z-small.json"), prune.stdout)
        XCTAssertFalse(prune.stdout.contains("big.json"), "a file over the limit is never read, so never deleted")
    }

    func testARunIDInTwoFilesIsNamedAndTheLookupSaysWhichFileItUsed() throws {
        try runFile("20251001T000000Z-base.json", id: "base", at: 0, samples: 10)
        try runFile("20251002T000000Z-copied.json", id: "copied", at: 86_400, samples: 10)
        try FileManager.default.copyItem(
            at: cli.directory.appending(path: "h/20251002T000000Z-copied.json"),
            to: cli.directory.appending(path: "h/20251003T000000Z-copy.json"))

        let runs = try cli.run(["runs", "--history", "h"])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(
            runs.stderr.contains(
                "h/20251003T000000Z-copy.json: holds run copied, as does h/20251002T000000Z-copied.json"),
            runs.stderr)

        let compare = try cli.run(["compare", "base", "copied", "--history", "h"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(
            compare.stderr.contains(
                "run copied is in 2 files (h/20251002T000000Z-copied.json, h/20251003T000000Z-copy.json); "
                    + "using h/20251003T000000Z-copy.json"),
            compare.stderr)

        let merge = try cli.run(["merge", "copied", "--history", "h"])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertTrue(
            merge.stderr.contains(
                "run copied is in 2 files (h/20251002T000000Z-copied.json, h/20251003T000000Z-copy.json); "
                    + "using h/20251003T000000Z-copy.json"),
            merge.stderr)
    }
}

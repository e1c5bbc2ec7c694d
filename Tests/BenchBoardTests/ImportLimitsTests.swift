import BenchModel
import Foundation
import XCTest

/// `import` and `merge` refuse, up front and with exit 2, what the history reader would skip:
/// run files over `[history] max_file_mb`, dates outside the accepted range, duplicated keys.
final class ImportLimitsTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private func writeConfig(maxFileMB: Int) throws {
        try cli.write("config.toml", """
            [history]
            max_file_mb = \(maxFileMB)

            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
    }

    /// A compact hyperfine export of one command with `samples` runs: about 9 bytes of run file
    /// per sample (its digits and a comma), about as many of input.
    private func hyperfine(_ name: String, command: String = "sleep 0", samples: Int) throws {
        var text = #"{"results":[{"command":"\#(command)","times":["#
        text.reserveCapacity(samples * 16)
        for index in 0..<samples {
            if index > 0 { text += "," }
            text += "0.0\(100_000 + index % 900_000)"
        }
        text += "]}]}"
        try cli.write(name, text)
    }

    func testAnImportWhoseRunFileWouldBeOverMaxFileMBIsRefusedAndNothingIsWritten() throws {
        try writeConfig(maxFileMB: 1)
        try hyperfine("big.json", samples: 160_000)
        let result = try cli.run(["import", "big.json", "--history", "h"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: big.json: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("over the 1 MiB limit for a run file ([history] max_file_mb)"), result.stderr)
        XCTAssertEqual(cli.historyFileNames("h"), [], "nothing the history would skip is written")

        // Within the limit the same kind of file is imported, and read back.
        try hyperfine("small.json", samples: 1_000)
        XCTAssertEqual(try cli.run(["import", "small.json", "--history", "h"]).status, 0)
        let runs = try cli.run(["runs", "--history", "h"])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertEqual(runs.stderr, "", "the run written is read back without a warning")
    }

    func testAnInputFarLargerThanAnyRunFileIsRefusedBeforeItIsRead() throws {
        try writeConfig(maxFileMB: 1)
        // Valid JSON, but 5 MiB: more than an import reads with a 1 MiB run file limit.
        let json = #"{"results":[{"command":"a","times":[0.1]}]}"#
        try cli.write("padded.json", json + String(repeating: " ", count: 5 * 1_048_576 - json.utf8.count))
        let result = try cli.run(["import", "padded.json", "--history", "h"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: padded.json: 5 MiB, over the 4 MiB an import reads"), result.stderr)
        XCTAssertEqual(cli.historyFileNames("h"), [])
    }

    func testImportedDatesFollowTheHistoryReadersRule() throws {
        var document = try ImportCommandTests.json("google-benchmark.json")
        var context = try XCTUnwrap(document["context"] as? [String: Any])
        for (name, date, expected) in [
            ("future.json", "9999-12-31T00:00:00+00:00", "dated in the future: the run's start is 9999-12-31T00:00:00Z"),
            ("ancient.json", "0001-01-01T00:00:00+00:00", "dated before 1970: the run's start is 0001-01-01T00:00:00Z"),
        ] {
            context["date"] = date
            document["context"] = context
            try JSONSerialization.data(withJSONObject: document).write(to: cli.directory.appending(path: name))
            let result = try cli.run(["import", name, "--history", "h"])
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("error: \(name): \(expected)"), "\(name): \(result.stderr)")
            XCTAssertEqual(cli.historyFileNames("h"), [], name)
        }
    }

    func testDuplicatedKeysLoneSurrogatesAndHugeTimesAreNamedForWhatTheyAre() throws {
        let cases: [(name: String, text: String, expected: String, not: String?)] = [
            ("twice.json", #"{"results": [{"command": "a", "times": [0.1], "times": [0.2]}]}"#,
             #"the key "times" appears twice in "results[0]""#, nil),
            ("surrogate.json", #"{"results": [{"command": "a\ud800b", "times": [0.1]}]}"#,
             #"a lone surrogate (\ud800) at line 1, column"#, "truncated"),
            ("huge.json", #"{"results": [{"command": "a", "times": [1e10]}]}"#,
             #""results[0].times[0]" is 10000000000.0: out of range, a time must be below 9223372036 s"#, "finite"),
        ]
        for item in cases {
            try cli.write(item.name, item.text)
            let result = try cli.run(["import", item.name, "--history", "h"])
            XCTAssertEqual(result.status, 2, "\(item.name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("error: \(item.name): " + item.expected), "\(item.name): \(result.stderr)")
            if let not = item.not { XCTAssertFalse(result.stderr.contains(not), "\(item.name): \(result.stderr)") }
            XCTAssertEqual(cli.historyFileNames("h"), [], item.name)
        }
    }

    private func runFile(_ name: String, id: String, start: Date, benchmark: String, samples: Int = 3) throws {
        let result = BenchmarkResult(
            name: benchmark, group: "g", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0, timeoutMs: 1000, warmup: 0,
            samplesNs: (0..<samples).map { Int64(10_000_000 + $0 % 1000) }, resources: Resources(totalMs: 1))
        let run = RunRecord(
            id: id, startedAt: start, finishedAt: start.addingTimeInterval(30), isolation: true, buildConfiguration: "release",
            git: GitInfo(commit: "c0ffee", branch: "main", dirty: false),
            machine: MachineInfo(hostname: "m", os: "Linux", kernel: "6", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3"),
            benchmarks: [result])
        try RunRecordCoding.encoder().encode(run).write(to: cli.directory.appending(path: name))
    }

    func testMergeRefusesWhatTheHistoryWouldSkip() throws {
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        try runFile("a.json", id: "aaaa", start: start, benchmark: "one")
        try runFile("future.json", id: "ffff", start: Date(timeIntervalSince1970: 253_402_000_000), benchmark: "two")
        let future = try cli.run(["merge", "a.json", "future.json", "--history", "h"])
        XCTAssertEqual(future.status, 2, future.stderr)
        XCTAssertTrue(future.stderr.contains("error: future.json: dated in the future: startedAt is 9999-"), future.stderr)
        XCTAssertEqual(cli.historyFileNames("h"), [])

        // Two shards under the limit whose merged run is over it.
        try writeConfig(maxFileMB: 1)
        try runFile("s1.json", id: "s111", start: start, benchmark: "one", samples: 70_000)
        try runFile("s2.json", id: "s222", start: start.addingTimeInterval(60), benchmark: "two", samples: 70_000)
        let big = try cli.run(["merge", "s1.json", "s2.json", "--history", "h"])
        XCTAssertEqual(big.status, 2, big.stderr)
        XCTAssertTrue(big.stderr.contains("over the 1 MiB limit for a run file ([history] max_file_mb)"), big.stderr)
        XCTAssertTrue(big.stderr.contains("s1.json"), big.stderr)
        XCTAssertEqual(cli.historyFileNames("h"), [])
    }
}

import BenchModel
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Imported nanosecond and microsecond results read as such everywhere a person reads them,
/// while the machine-readable fields keep their fixed units.
final class ReadableUnitsTests: XCTestCase {
    /// A google-benchmark file: three repetitions of each benchmark, at the given times.
    private func googleBenchmark(date: String, tinyNs: Double, midUs: Double) -> String {
        func rows(_ name: String, _ time: Double, _ unit: String) -> [String] {
            (0..<3).map { repetition in
                """
                {"name": "\(name)", "run_name": "\(name)", "run_type": "iteration", "repetitions": 3,
                 "repetition_index": \(repetition), "threads": 1, "iterations": 1000,
                 "real_time": \(time), "cpu_time": \(time), "time_unit": "\(unit)"}
                """
            }
        }
        let benchmarks = rows("BM_Tiny", tinyNs, "ns") + rows("BM_Mid", midUs, "us")
        return """
            {"context": {"date": "\(date)", "host_name": "vm", "num_cpus": 2},
             "benchmarks": [\(benchmarks.joined(separator: ",\n"))]}
            """
    }

    func testNanosecondAndMicrosecondResultsReadInTheirUnit() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("base.json", googleBenchmark(date: "2026-11-29T10:00:00+00:00", tinyNs: 510, midUs: 26.0))
        try cli.write("head.json", googleBenchmark(date: "2026-11-29T11:00:00+00:00", tinyNs: 507, midUs: 26.1))
        for file in ["base.json", "head.json"] {
            let imported = try cli.run(["import", file, "--history", "h"])
            XCTAssertEqual(imported.status, 0, imported.stderr)
            XCTAssertTrue(imported.stdout.hasPrefix("Imported 2 benchmarks (google-benchmark)"), imported.stdout)
        }
        let report = try cli.run(["report", "--history", "h", "--output", "out"])
        XCTAssertEqual(report.status, 0, report.stderr)

        // The dashboard's Median cell.
        let index = try XMLDocument(contentsOf: cli.directory.appending(path: "out/index.html"))
        func median(_ name: String) throws -> [String] {
            try index.nodes(
                forXPath: "//*[local-name()='tr'][*[local-name()='td'][2]//*[local-name()='a']='\(name)']"
                    + "/*[local-name()='td'][3]/*[local-name()='strong']"
            ).compactMap(\.stringValue)
        }
        XCTAssertEqual(try median("BM_Tiny"), ["507 ns"])
        XCTAssertEqual(try median("BM_Mid"), ["26.1 µs"])
        let footer = try index.nodes(forXPath: "//*[local-name()='p'][@class='muted'][*[local-name()='a'][@href='runs.html']]")
        XCTAssertEqual(footer.compactMap(\.stringValue), ["2 runs in the history · all runs"])

        // summary.md: every benchmark's row in the table inside <details>, cell by cell.
        let summary = try String(contentsOf: cli.directory.appending(path: "out/summary.md"), encoding: .utf8)
        func summaryRow(_ name: String, in markdown: String? = nil) -> [String] {
            let line = (markdown ?? summary).split(separator: "\n").first { $0.hasPrefix("| \(name) |") } ?? ""
            return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        // Markdown escapes the underscore of a name.
        XCTAssertEqual(Array(summaryRow(#"BM\_Tiny"#).prefix(3)), [#"BM\_Tiny"#, "510 ns", "507 ns"], summary)
        XCTAssertEqual(Array(summaryRow(#"BM\_Mid"#).prefix(3)), [#"BM\_Mid"#, "26.0 µs", "26.1 µs"], summary)

        // compare: text and Markdown in the readable unit, JSON still in nanoseconds.
        let runs = cli.historyFileNames("h").map { "h/" + $0 }
        XCTAssertEqual(runs.count, 2)
        let text = try cli.run(["compare", runs[0], runs[1]])
        XCTAssertEqual(text.status, 0, text.stderr)
        let tiny = text.stdout.split(separator: "\n").first { $0.contains("BM_Tiny") }.map {
            $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        XCTAssertEqual(tiny.map { Array($0.dropFirst().prefix(3)) }, ["BM_Tiny", "510 ns", "507 ns"], text.stdout)
        let markdown = try cli.run(["compare", runs[0], runs[1], "--format", "markdown"])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertEqual(Array(summaryRow(#"BM\_Mid"#, in: markdown.stdout).prefix(3)), [#"BM\_Mid"#, "26.0 µs", "26.1 µs"], markdown.stdout)
        let json = try cli.run(["compare", runs[0], runs[1], "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let time = try XCTUnwrap(rows.first { $0["name"] as? String == "BM_Tiny" }?["time"] as? [String: Any])
        XCTAssertEqual(time["current"] as? Double, 507, "compare's JSON stays in nanoseconds")

        // JUnit's time attribute stays in seconds: 3 repetitions × 1000 iterations × 26.1 µs.
        let junit = try XMLDocument(contentsOf: cli.directory.appending(path: "out/junit.xml"))
        XCTAssertEqual(try junit.nodes(forXPath: "//testcase[@name='BM_Mid']/@time").compactMap(\.stringValue), ["0.078"])
    }

    /// `runs` counts as the run's closing lines do: a benchmark over its target passed, and is slow.
    func testRunsShowsPassedFailedAndSlowAsTheSummaryCounts() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let machine = MachineInfo(
            hostname: "h", os: "os", kernel: "k", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3")
        func result(_ index: Int, outcome: Outcome, targetNs: Int64?) -> BenchmarkResult {
            BenchmarkResult(
                name: "b\(index)", group: "core", kind: .command, mode: .isolated, outcome: outcome,
                exitCode: outcome == .ok ? 0 : 1, targetNs: targetNs, timeoutMs: 10_000, warmup: 0,
                samplesNs: outcome == .ok ? [1_000_000, 1_000_000, 1_000_000] : [], resources: Resources(totalMs: 5))
        }
        // Ten benchmarks that all finished, seven of them over a 0.5 ms target.
        let slowRun = (0..<10).map { result($0, outcome: .ok, targetNs: $0 < 7 ? 500_000 : nil) }
        // Eight passed, one failed, one timed out.
        let brokenRun = (0..<10).map { result($0, outcome: $0 == 8 ? .failed : ($0 == 9 ? .timeout : .ok), targetNs: nil) }
        let encoder = RunRecordCoding.encoder()
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "h"), withIntermediateDirectories: true)
        for (index, (id, benchmarks)) in [("aaaa0001", slowRun), ("bbbb0002", brokenRun)].enumerated() {
            let date = Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * 60)
            let record = RunRecord(
                id: id, startedAt: date, finishedAt: date, isolation: true, buildConfiguration: "release", git: nil,
                machine: machine, benchmarks: benchmarks)
            try encoder.encode(record).write(to: cli.directory.appending(path: "h/\(id).json"))
        }
        let listed = try cli.run(["runs", "--history", "h"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(listed.stderr, "", "every file is readable")
        let table = listed.stdout.split(separator: "\n").map {
            $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        XCTAssertEqual(table.first.map { Array($0.prefix(7)) }, ["id", "started (UTC)", "branch", "commit", "passed", "failed", "slow"])
        let columns = table.dropFirst().map { [$0[0]] + Array($0[4...6]) }
        XCTAssertEqual(columns, [["bbbb0002", "8/10", "2", "0"], ["aaaa0001", "10/10", "0", "7"]], listed.stdout)
    }
}

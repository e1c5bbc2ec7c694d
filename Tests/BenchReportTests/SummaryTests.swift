import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest

final class SummaryTests: XCTestCase {
    func testMarkerVerdictProblemsFirstThenDetails() throws {
        let text = try ReportRenderer().summaryMarkdown(Fixtures.history())
        let lines = text.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "<!-- benchboard-summary -->")
        XCTAssertEqual(lines[1], "### ❌ benchboard: 2 of 4 benchmarks failed")
        let problems = try XCTUnwrap(text.range(of: "#### Needs attention"))
        let details = try XCTUnwrap(text.range(of: "<details><summary>All 4 benchmarks</summary>"))
        XCTAssertLessThan(problems.lowerBound, details.lowerBound)
        XCTAssertTrue(text.contains("</details>"))
        let problemLines = text[problems.upperBound..<details.lowerBound].split(separator: "\n").filter { $0.hasPrefix("- ") }
        XCTAssertEqual(problemLines.count, 4)
        XCTAssertTrue(problemLines[0].hasPrefix("- 💥 Sort 🔒 Isolated — 💥 Failed: exit code 3"))
        XCTAssertTrue(problemLines[1].hasPrefix("- ⏱️ Spin 🔒 Isolated — ⏱️ Timeout: over 500 ms"))
        XCTAssertTrue(problemLines[2].hasSuffix("— 🔺 +38.6% slower"), String(problemLines[2]))
        XCTAssertTrue(problemLines[3].contains("❌ Slow"))
        // The details use the seed's line (Markdown-escaped).
        XCTAssertTrue(
            text.contains("- ✅ Parse 🔒 Isolated — 1.400ms — 💾 Memory: 45.2 KB \\| ⏱️ CPU: 2.34 ms \\| 🕐 Total: 12.45 ms — 🔺 +38.6% slower"))
    }

    func testAllGoodIsOneLine() throws {
        let run = Fixtures.run(0, [Fixtures.ok("Parse", medianNs: 1000)])
        let text = try ReportRenderer().summaryMarkdown(ReportInput(runs: [ReportRun(record: run)]))
        XCTAssertTrue(text.hasPrefix("<!-- benchboard-summary -->\n### ✅ benchboard: The benchmark passed\n"))
        XCTAssertFalse(text.contains("Needs attention"))
    }

    func testTwoThousandBenchmarksStayUnderTheCommentLimit() throws {
        var benchmarks: [BenchmarkResult] = []
        for index in 0..<2000 {
            let name = "Benchmark number \(index) with a long descriptive name to fill the comment"
            benchmarks.append(index % 100 == 7 ? Fixtures.failed(name) : Fixtures.ok(name, medianNs: 1_000_000 + Double(index)))
        }
        let input = ReportInput(runs: [ReportRun(record: Fixtures.run(0, benchmarks))])
        let options = ReportOptions(fullReportURL: "https://example.org/bench/index.html")
        let text = try ReportRenderer(options: options).summaryMarkdown(input)
        XCTAssertLessThanOrEqual(text.count, 65_536)
        XCTAssertLessThanOrEqual(text.utf8.count, 65_536)
        XCTAssertGreaterThan(text.utf8.count, 50_000, "uses the room it has")
        XCTAssertTrue(text.hasPrefix("<!-- benchboard-summary -->\n"))
        // Every problem is kept; the note says how many rows went and where the rest is.
        for index in stride(from: 7, to: 2000, by: 100) {
            XCTAssertTrue(text.contains("💥 Benchmark number \(index) with"), "problem \(index) kept")
        }
        let note = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("rows were left out") })
        XCTAssertTrue(note.contains("of 2020 rows were left out"), String(note))
        XCTAssertTrue(note.contains("https://example.org/bench/index.html"))
        XCTAssertTrue(text.contains("</details>"), "the details block is still closed")
    }

    func testOnlyFailuresBeyondTheLimitStillFit() throws {
        let benchmarks = (0..<2000).map { Fixtures.failed("Broken benchmark \($0) " + String(repeating: "x", count: 40)) }
        let input = ReportInput(runs: [ReportRun(record: Fixtures.run(0, benchmarks))])
        let text = try ReportRenderer().summaryMarkdown(input)
        XCTAssertLessThanOrEqual(text.utf8.count, 65_536)
        XCTAssertTrue(text.contains("#### Needs attention"))
        XCTAssertTrue(text.contains("rows were left out"))
    }

    func testGivenComparisonIsUsed() throws {
        var input = Fixtures.history()
        let records = input.runs.map(\.record)
        input.comparison = Analyzer.compare(current: records[2], baseline: records[0])
        let text = try ReportRenderer().summaryMarkdown(input)
        XCTAssertTrue(text.contains("Compared with run run0000"), text)
    }
}

final class VerdictDisplayTests: XCTestCase {
    /// Verdicts come from BenchAnalysis; whatever it decides (noisy, faster, new) shows up as is.
    func testGivenVerdictsAreShownInAllOutputs() throws {
        var input = Fixtures.history()
        let records = input.runs.map(\.record)
        var comparison = Analyzer.compare(current: records[2], baseline: records[1])
        for index in comparison.benchmarks.indices where comparison.benchmarks[index].name == "Parse" {
            comparison.benchmarks[index].verdict = .noisy
            comparison.benchmarks[index].time.verdict = .noisy
            comparison.benchmarks[index].time.pValue = 0.2
        }
        for index in comparison.benchmarks.indices where comparison.benchmarks[index].name == "Encode" {
            comparison.benchmarks[index].verdict = .improvement
            comparison.benchmarks[index].time.verdict = .improvement
            comparison.benchmarks[index].time.changePercent = -30
        }
        input.comparison = comparison
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']/*[local-name()='td'][8]"), ["+38.6% noisy"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']/*[local-name()='td'][8]/*/@title"), ["Against the baseline run, p = 0.200"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-encode']/*[local-name()='td'][8]/*[1]"), ["-30.0% faster"])
        let tiles = try Fixtures.texts(page, "//*[local-name()='ul'][@class='tiles']/*[local-name()='li']")
        XCTAssertTrue(tiles.contains("1Noisy"), "\(tiles)")
        XCTAssertTrue(tiles.contains("1Faster"), "\(tiles)")
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.contains("— 〰️ +38.6% noisy"))
        XCTAssertTrue(summary.contains("— 🔻 -30.0% faster"))
        XCTAssertTrue(summary.contains("too noisy to judge"))
    }
}

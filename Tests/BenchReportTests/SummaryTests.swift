import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

final class SummaryTests: XCTestCase {
    /// The history fixture with verdicts set by hand, so these tests do not depend on the
    /// verdict rules: Parse regressed, Encode is over its target.
    static func judged(_ input: ReportInput = Fixtures.history(), _ edit: (inout BenchmarkComparison) -> Void = { _ in })
        -> ReportInput
    {
        var input = input
        let records = input.runs.map(\.record)
        var comparison = Analyzer.compare(current: records[records.count - 1], baseline: records[records.count - 2])
        for index in comparison.benchmarks.indices { edit(&comparison.benchmarks[index]) }
        input.comparison = comparison
        return input
    }

    /// A verdict set by hand; the figures the analysis computed from the fixtures' processes go with
    /// it, so a test shows only what it sets.
    static func set(_ row: inout BenchmarkComparison, _ verdict: Verdict, note: String? = nil, p: Double? = nil) {
        row.time.detectablePercent = nil
        row.time.processSpreadPercent = nil
        row.verdict = verdict
        row.time.verdict = verdict
        row.time.note = note
        row.time.pValue = p
    }

    /// "⚠️ 1 regression in 4 benchmarks" used to be followed by "4/4 passed, no significant change".
    func testHeadlineAgreesWithTheLineUnderIt() throws {
        let runs = (0..<2).map { run in
            Fixtures.run(run, ["A", "B", "C", "D"].map { Fixtures.ok($0, medianNs: $0 == "A" && run == 1 ? 1_300_000 : 1_000_000) })
        }
        let input = Self.judged(ReportInput(runs: runs.map { ReportRun(record: $0) })) { row in
            Self.set(&row, row.name == "A" ? .regression : .unchanged)
        }
        let lines = try ReportRenderer().summaryMarkdown(input).components(separatedBy: "\n")
        XCTAssertEqual(lines[1], "### ⚠️ benchboard: 1 regression in 4 benchmarks")
        XCTAssertEqual(lines[3], "4/4 passed · 1 regression")
    }

    func testProblemTableRendersAsGitHubDoesWorstFirstWithoutCheckMarks() throws {
        let input = Self.judged { row in
            if row.name == "Parse" { Self.set(&row, .regression) }
            if row.name == "Encode" { Self.set(&row, .unchanged) }
        }
        let text = try ReportRenderer().summaryMarkdown(input)
        XCTAssertTrue(text.hasPrefix("<!-- benchboard-summary -->\n### ❌ benchboard: 2 of 4 benchmarks failed\n"))
        let html = try MarkdownRendering.document(text)
        let headers = try Fixtures.texts(html, "/root/table[1]/thead/tr/th")
        XCTAssertEqual(headers, ["Benchmark", "Baseline", "Current", "Change", "Verdict"])
        let names = try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[1]")
        XCTAssertEqual(names, ["Sort", "Spin", "Parse", "Encode"], "failures, regressions, then over target")
        let parse = try Fixtures.texts(html, "/root/table[1]/tbody/tr[3]/td")
        XCTAssertEqual(parse, ["Parse", "1.01 ms", "2.79 ms", "+177.2%", "🔺 slower"])
        XCTAssertEqual(try Fixtures.texts(html, "/root/table[1]/tbody/tr[4]/td[5]"), ["❌ over target 100 µs"])
        for row in try Fixtures.texts(html, "/root/table[1]/tbody/tr") {
            XCTAssertFalse(row.contains("✅"), "a problem row carries ✅: \(row)")
        }
        // Every benchmark, in run order, in the table inside <details>.
        XCTAssertEqual(try Fixtures.texts(html, "/root/details/summary"), ["All 4 benchmarks"])
        XCTAssertEqual(try Fixtures.texts(html, "/root/details/table/tbody/tr/td[1]"), ["Parse", "Encode", "Sort", "Spin"])
    }

    func testEachProblemGroupIsCappedSoFailuresStayInSight() throws {
        var benchmarks = (0..<30).map { Fixtures.ok("Slow \($0)", medianNs: 2_000_000, targetNs: 1_000_000) }
        benchmarks.append(Fixtures.failed("Broken"))
        let input = ReportInput(runs: [ReportRun(record: Fixtures.run(0, benchmarks))])
        let html = try MarkdownRendering.document(try ReportRenderer().summaryMarkdown(input))
        let names = try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[1]")
        XCTAssertEqual(names.first, "Broken")
        XCTAssertEqual(names.count, 12, "one failure, ten over target, one +N more row")
        XCTAssertEqual(names.last, "+20 more over target")
        XCTAssertEqual(try Fixtures.texts(html, "/root/h4"), ["Needs attention (31)"])
    }

    func testNoisyChangeBeyondTheThresholdIsListedApartWithItsReason() throws {
        let input = Self.judged { row in
            if row.name == "Parse" { Self.set(&row, .noisy, note: "the median is only known to ±40.0 %", p: 0.00002) }
            if row.name == "Encode" { Self.set(&row, .unchanged) }
        }
        let text = try ReportRenderer().summaryMarkdown(input)
        let html = try MarkdownRendering.document(text)
        // A noisy change never gates: it is listed with its reason apart from the problems.
        XCTAssertEqual(try Fixtures.texts(html, "/root/h4"), ["Needs attention (3)", "Not confirmed, never gating (1)"])
        let rows = try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[1]")
        XCTAssertEqual(rows, ["Sort", "Spin", "Encode"])
        XCTAssertEqual(try Fixtures.texts(html, "/root/table[2]/tbody/tr/td[1]"), ["Parse"])
        XCTAssertEqual(
            try Fixtures.texts(html, "/root/table[2]/tbody/tr/td[5]"),
            ["〰️ noisy, never gates: the median is only known to ±40.0 %"])

        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']/*[local-name()='td'][8]/*/@title"),
            ["Against the baseline run, p < 0.001; the median is only known to ±40.0 %"])
    }

    func testLinksToPagesAndCommitsWhenConfigured() throws {
        let input = Self.judged { row in Self.set(&row, row.name == "Parse" ? .regression : .unchanged) }
        let options = ReportOptions(repositoryURL: "https://github.com/acme/widgets", siteURL: "https://acme.github.io/widgets/")
        let html = try MarkdownRendering.document(try ReportRenderer(options: options).summaryMarkdown(input))
        let links = try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[1]/a/@href")
        XCTAssertEqual(links.first, "https://acme.github.io/widgets/benchmarks/sort.html")
        let commits = try Fixtures.texts(html, "/root/p/a/@href")
        XCTAssertTrue(commits.contains("https://github.com/acme/widgets/commit/0000002abcdef"), "\(commits)")
        XCTAssertTrue(commits.contains("https://github.com/acme/widgets/commit/0000001abcdef"), "\(commits)")
        XCTAssertTrue(commits.contains("https://acme.github.io/widgets/index.html"), "\(commits)")
        // Without the settings nothing links anywhere.
        let plain = try MarkdownRendering.document(try ReportRenderer().summaryMarkdown(input))
        XCTAssertEqual(try Fixtures.texts(plain, "//a/@href"), [])
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
        XCTAssertLessThanOrEqual(text.utf8.count, 65_536)
        XCTAssertGreaterThan(text.utf8.count, 50_000, "uses the room it has")
        XCTAssertTrue(text.hasPrefix("<!-- benchboard-summary -->\n"))
        let note = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("rows were left out") })
        XCTAssertTrue(note.contains("https://example.org/bench/index.html"))
        let html = try MarkdownRendering.document(text)
        XCTAssertEqual(try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[1]").count, 11, "ten failures and +10 more")
        XCTAssertEqual(try html.nodes(forXPath: "/root/details/table").count, 1, "the details block is still closed")
    }

    /// Thousands of skipped-file warnings and a huge name used to overflow the comment.
    func testHostileInputStillFits() throws {
        let huge = String(repeating: "<&|`*_>", count: 20_000)
        let input = ReportInput(
            runs: [ReportRun(record: Fixtures.run(0, [Fixtures.failed(huge), Fixtures.ok(huge + "2", medianNs: 5)]))],
            warnings: (0..<3000).map { "Skipped history/\($0).json: the file is not valid JSON (truncated at byte 12)." })
        let text = try ReportRenderer(options: ReportOptions(title: huge)).summaryMarkdown(input)
        XCTAssertLessThanOrEqual(text.utf8.count, 65_536)
        XCTAssertTrue(text.hasPrefix("<!-- benchboard-summary -->\n"))
        let html = try MarkdownRendering.document(text)
        XCTAssertEqual(try html.nodes(forXPath: "/root/table[1]/tbody/tr").count, 1)
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
        let input = SummaryTests.judged { row in
            if row.name == "Parse" { SummaryTests.set(&row, .noisy, note: "the samples have two modes", p: 0.2) }
            if row.name == "Encode" {
                SummaryTests.set(&row, .improvement)
                row.time.changePercent = -30
            }
        }
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']/*[local-name()='td'][8]"),
            ["+177.2% noisythe samples have two modes"], "the reason is on the page, not only in a hover title")
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']/*[local-name()='td'][8]/*/@title"),
            ["Against the baseline run, p = 0.200; the samples have two modes"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-encode']/*[local-name()='td'][8]/*[1]"), ["-30.0% faster"])
        let tiles = try Fixtures.texts(page, "//*[local-name()='ul'][@class='tiles']/*[local-name()='li']")
        XCTAssertTrue(tiles.contains("1Noisy"), "\(tiles)")
        XCTAssertTrue(tiles.contains("1Faster"), "\(tiles)")
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.contains("| 〰️ noisy, never gates: the samples have two modes |"), summary)
        XCTAssertTrue(summary.contains("| -30.0% | ❌ over target 100 µs · 🔻 faster |"), summary)
    }
}

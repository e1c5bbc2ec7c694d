import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One run of one benchmark: every count reads in the singular ("1 runs" and "All 1 benchmark" were seen).
final class PluralTests: XCTestCase {
    func testOneRunOfOneBenchmarkReadsInTheSingular() throws {
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let input = ReportInput(runs: [ReportRun(record: Fixtures.run(0, [Fixtures.ok("Parse", medianNs: 1_000_000)]))])
        let renderer = try ReportRenderer(options: .init(sparklineRuns: 1))
        try renderer.write(input, to: output)

        let index = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(
            try Fixtures.texts(index, "//*[local-name()='p'][@class='muted'][*[local-name()='a'][@href='runs.html']]"),
            ["1 run in the history · all runs"])
        XCTAssertEqual(try Fixtures.texts(
                index, "//*[local-name()='table'][.//*[local-name()='tr'][@id='b-parse']]/*[local-name()='thead']//*[local-name()='th'][last()]"), ["Last 1 run"])

        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h2'][starts-with(., 'Runs')]/*[local-name()='span']"), ["1 run, newest first"])
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='figure'][@id='all']//*[local-name()='p'][@class='zoomlinks']/*[local-name()='strong']"),
            ["All 1 run"])

        let summary = try MarkdownRendering.document(renderer.summaryMarkdown(input))
        XCTAssertEqual(try Fixtures.texts(summary, "/root/details/summary"), ["The benchmark"])
        XCTAssertEqual(try Fixtures.texts(summary, "/root/h3"), ["✅ benchboard: The benchmark passed"])
    }
}

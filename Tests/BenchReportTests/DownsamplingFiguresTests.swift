import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Downsampling changes what a chart draws, never a figure: every number on the dashboard and
/// the benchmark pages is the same as in a render that draws every run.
final class DownsamplingFiguresTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    /// 1500 runs of three benchmarks: one steps twice, one fails now and then, one regresses at the end.
    private func history() -> ReportInput {
        ArchiveFixtures.history(runs: 1500, names: ["Parse", "Encode", "Sort"], spacing: 3600) { run, name in
            switch name {
            case "Parse": run < 500 ? 1_000_000 : (run < 1100 ? 1_300_000 : 900_000)
            case "Encode": run % 97 == 13 ? nil : 200_000
            default: run == 1499 ? 80_000 : 50_000
            }
        }
    }

    private func render(_ options: ReportOptions, into folder: String) throws -> URL {
        let url = output.appendingPathComponent(folder)
        try ReportRenderer(options: options).write(history(), to: url)
        return url
    }

    /// The page without its charts' drawing.
    private func figures(_ url: URL) throws -> String {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.replacingOccurrences(of: #"<svg class="chart"[\s\S]*?</svg>"#, with: "<svg/>", options: .regularExpression)
    }

    func testEveryFigureEqualsTheFullRender() throws {
        let sampled = try render(.init(), into: "sampled")
        let full = try render(.init(chartPointLimit: .max), into: "full")

        // The downsampled render did downsample.
        let page = try Fixtures.document(sampled.appendingPathComponent("benchmarks/parse.html"))
        let drawn = try page.nodes(forXPath: "//*[local-name()='figure'][@id='all']//*[local-name()='circle']").count
        let fullPage = try Fixtures.document(full.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertLessThanOrEqual(drawn, 1000)
        XCTAssertEqual(try fullPage.nodes(forXPath: "//*[local-name()='figure'][@id='all']//*[local-name()='circle']").count, 1500)

        XCTAssertEqual(
            try Data(contentsOf: sampled.appendingPathComponent("index.html")), try Data(contentsOf: full.appendingPathComponent("index.html")),
            "the dashboard (latest medians, changes, verdicts, detects, steps, sparklines)")
        for slug in ["parse", "encode", "sort"] {
            let a = try figures(sampled.appendingPathComponent("benchmarks/\(slug).html"))
            let b = try figures(full.appendingPathComponent("benchmarks/\(slug).html"))
            XCTAssertEqual(a, b, "\(slug): facts, verdicts, steps and the run table")
        }

        // And those figures are the full data's: the steps the analysis finds in all 1500 runs.
        let records = history().runs.map(\.record)
        let trend = Analyzer.trend(of: "Parse", in: records)
        let threshold = ReportOptions().analysis.thresholds.headline(for: try XCTUnwrap(records.last?.benchmarks.first))
        let expected = trend.changePoints.filter { ThresholdPolicy.reaches($0.stepPercent, threshold) }
            .reversed().map { UnitFormat.percent($0.stepPercent) }
        XCTAssertEqual(expected.count, 2)
        let shown = try Fixtures.texts(
            page, "//*[local-name()='h2'][. = 'Step changes']/following-sibling::*[1]//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][5]")
        XCTAssertEqual(shown, expected)
    }

    /// The dashboard does not grow with the history: a steady series of 1500 runs gives the page
    /// its newest 200 runs give, but for the digits of the counts.
    func testTheDashboardDoesNotGrowWithRuns() throws {
        let steady = ArchiveFixtures.history(runs: 1500, names: ["Parse", "Encode"], spacing: 3600) { run, name in
            name == "Encode" && run % 97 == 13 ? nil : 1_000_000
        }
        let long = output.appendingPathComponent("long")
        try ReportRenderer().write(steady, to: long)
        let short = output.appendingPathComponent("short")
        var input = steady
        input.runs = Array(input.runs.suffix(200))
        try ReportRenderer().write(input, to: short)
        let longSize = try Data(contentsOf: long.appendingPathComponent("index.html")).count
        let shortSize = try Data(contentsOf: short.appendingPathComponent("index.html")).count
        XCTAssertLessThan(Double(longSize), Double(shortSize) * 1.01, "\(longSize) bytes for 1500 runs, \(shortSize) for 200")
    }
}

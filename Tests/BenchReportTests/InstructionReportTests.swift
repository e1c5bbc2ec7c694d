import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The dashboard, benchmark pages and summary.md for benchmarks that count instructions.
final class InstructionReportTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    /// A counted result: ten counts within ±0.01 % of `count`, wall times inflated as under valgrind.
    private func counted(_ name: String, count: Double) -> BenchmarkResult {
        var result = Fixtures.ok(name, medianNs: 250_000_000)
        result.metric = .instructions
        result.samplesInstructions = (0..<10).map { Int64(count * (0.9999 + 0.00002 * Double($0))) }
        result.instructionStats = result.samplesInstructions.flatMap { CountStats($0) }
        return result
    }

    /// `counts` for "Loop" (instructions) and a steady "Parse" (time), one run each.
    private func render(_ counts: [Double]) throws {
        let runs = counts.enumerated().map { index, count in
            ReportRun(record: Fixtures.run(index, [counted("Loop", count: count), Fixtures.ok("Parse", medianNs: 1_000_000)]))
        }
        try ReportRenderer().write(ReportInput(runs: runs), to: output)
    }

    private let all = "//*[local-name()='figure'][@id='all']/*[local-name()='svg']"

    func testChartAxisStepsAndRecentChangesUseCountUnits() throws {
        // 101.6M for ten runs, then a lasting 2 % step to 103.6M.
        try render((0..<20).map { $0 < 10 ? 101_600_000 : 103_632_000 })
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/loop.html"))
        XCTAssertEqual(try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='yunit']"), ["M instr"])
        let labels = try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='ylabel']")
        let values = labels.compactMap(Double.init)
        XCTAssertEqual(values.count, labels.count, "numbers only, the unit is written once: \(labels)")
        XCTAssertGreaterThanOrEqual(values.count, 3, "\(labels)")
        XCTAssertLessThanOrEqual(values.first ?? .infinity, 101.6)
        XCTAssertGreaterThanOrEqual(values.last ?? 0, 103.6)
        let steps = try Fixtures.texts(page, "\(all)/*[local-name()='line'][contains(@class, 'step')]/*[local-name()='title']")
        XCTAssertEqual(steps.count, 1, "\(steps)")
        XCTAssertTrue(steps.first?.hasSuffix(": 101.60M instr → 103.63M instr") ?? false, "\(steps)")
        let points = try Fixtures.texts(page, "\(all)/*[local-name()='g'][starts-with(@class, 'pt')]/*[local-name()='circle']/*[local-name()='title']")
        XCTAssertTrue(points.last?.contains("· 103.63M instr") ?? false, "\(points.suffix(1))")
        // The steps table and the run table show counts; the page says the wall times are valgrind's.
        XCTAssertEqual(
            try Fixtures.texts(
                page,
                "//*[local-name()='table'][not(ancestor::*[@class='verdicts']) and not(ancestor::*[@class='processes'])]/*[local-name()='tbody']/*[local-name()='tr'][1]/*[local-name()='td'][4]"),
            ["103.63M instr", "103.63M instr ±0.0%"])
        let facts = try Fixtures.texts(page, "//*[local-name()='dl'][@class='facts']/*/*[local-name()='dt']")
        XCTAssertTrue(facts.contains("Wall time"), "\(facts)")
        XCTAssertTrue(
            try Fixtures.texts(page, "//*[local-name()='dd']").contains { $0.contains("valgrind") && $0.contains("inflated") })

        let index = try Fixtures.document(output.appendingPathComponent("index.html"))
        let changes = try Fixtures.texts(index, "//*[local-name()='tr'][*[local-name()='td'][1]='Loop']/*[local-name()='td'][3]")
        XCTAssertEqual(changes, ["101.60M instr → 103.63M instr"])
        let spark = try Fixtures.texts(index, "//*[local-name()='tr'][@id='b-loop']//*[local-name()='svg']/@aria-label")
        XCTAssertTrue(spark.first?.contains("101.60M instr to 103.63M instr, latest 103.63M instr") ?? false, "\(spark)")

        // The time benchmark beside it keeps its durations.
        let parse = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertEqual(try Fixtures.texts(parse, "\(all)/*[local-name()='text'][@class='yunit']"), ["ms"])
        XCTAssertFalse(try Fixtures.texts(parse, "//*[local-name()='dt']").contains("Wall time"))
    }

    func testSmallCountsUseK() throws {
        try render((0..<6).map { 14_038 + Double($0 % 2) * 200 })
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/loop.html"))
        XCTAssertEqual(try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='yunit']"), ["K instr"])
        let labels = try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='ylabel']")
        XCTAssertEqual(labels.compactMap(Double.init).count, labels.count, "\(labels)")
    }

    func testSummaryRowShowsCounts() throws {
        let runs = [101_630_000.0, 103_700_000].enumerated().map { index, count in
            Fixtures.run(index, [counted("Loop", count: count), Fixtures.ok("Parse", medianNs: 1_000_000)])
        }
        let comparison = Analyzer.compare(current: runs[1], baseline: runs[0])
        let input = ReportInput(runs: runs.map { ReportRun(record: $0) }, comparison: comparison)
        let html = try MarkdownRendering.document(try ReportRenderer().summaryMarkdown(input))
        let loop = try Fixtures.texts(html, "/root/details/table/tbody/tr[td[1]='Loop']/td")
        XCTAssertEqual(Array(loop.prefix(4)), ["Loop", "101.63M instr", "103.70M instr", "+2.0%"])
        let parse = try Fixtures.texts(html, "/root/details/table/tbody/tr[td[1]='Parse']/td")
        XCTAssertEqual(Array(parse.prefix(4)), ["Parse", "998 µs", "998 µs", "±0.0%"])
    }

    /// A counted benchmark run on two machines: each machine's own chart shows counts.
    func testMachineChartsShowCounts() throws {
        let runs = (0..<4).map { index -> ReportRun in
            var run = Fixtures.run(index, [counted("Loop", count: 2_000_000 + Double(index) * 10_000)])
            if index % 2 == 1 {
                run.machine.hostname = "big"
                run.machine.cores = 16
            }
            return ReportRun(record: run)
        }
        try ReportRenderer().write(ReportInput(runs: runs), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/loop.html"))
        let svg = "//*[local-name()='section'][@class='machine'][1]//*[local-name()='svg']"
        let titles = try Fixtures.texts(page, "\(svg)/*[local-name()='circle'][@class='pt']/*[local-name()='title']")
        XCTAssertEqual(titles.map { $0.components(separatedBy: " · ").last ?? "" }, ["2.00M instr", "2.02M instr"])
    }
}

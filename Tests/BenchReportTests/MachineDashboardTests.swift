// The view-model check needs internal types; `swift test -c release` builds without
// testability, so that one test is debug only.
#if DEBUG
@testable import BenchReport
#else
import BenchReport
#endif
import BenchModel
import Foundation
import Mustache
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The dashboard names every machine of the history, and a benchmark measured on several shows
/// each machine's series in a chart of its own.
final class MachineDashboardTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private static let small = Fixtures.machine
    private static let big = MachineInfo(
        hostname: "big <box> & \"co\"", os: "Debian 12", kernel: "6.18", cpuModel: "Big CPU", cores: 16,
        memoryBytes: 64 << 30, swiftVersion: "6.3.1")

    /// Runs 0–5 alternate small (even) and big (odd) machines; run 4 is on a second small host.
    /// "Parse" is in every run, "SmallOnly" only on the small machine.
    private func history() -> ReportInput {
        let runs = (0..<6).map { index -> RunRecord in
            let onBig = index % 2 == 1
            var benchmarks = [Fixtures.ok("Parse", medianNs: onBig ? 300_000 + Double(index) * 30_000 : 1_000_000 + Double(index) * 1000)]
            if !onBig { benchmarks.append(Fixtures.ok("SmallOnly", medianNs: 5_000)) }
            var run = Fixtures.run(index, benchmarks)
            run.machine = onBig ? Self.big : Self.small
            if index == 4 { run.machine.hostname = "ci-2" }
            return run
        }
        return ReportInput(runs: runs.map { ReportRun(record: $0) })
    }

    func testDashboardListsTheMachinesOfTheHistory() throws {
        try ReportRenderer(options: .init()).write(history(), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let rows = "//*[local-name()='section'][@class='machines']//*[local-name()='tbody']/*[local-name()='tr']"
        XCTAssertEqual(try Fixtures.texts(page, "\(rows)/@id"), ["machine-1", "machine-2"])
        XCTAssertEqual(try Fixtures.texts(page, "\(rows)/*[local-name()='td'][1]/*[local-name()='strong']"), ["ci, ci-2", "big <box> & \"co\""])
        XCTAssertEqual(try Fixtures.texts(page, "\(rows)/*[local-name()='td'][3]"), ["3", "3"])
        XCTAssertEqual(
            try Fixtures.texts(page, "\(rows)[*[local-name()='td'][1]/*[local-name()='span']]/@id"), ["machine-2"],
            "the latest run (5) was on the big machine")
        let detail = try Fixtures.texts(page, "\(rows)[@id='machine-2']/*[local-name()='td'][2]")
        XCTAssertEqual(detail.count, 1)
        XCTAssertTrue(detail[0].hasPrefix("Big CPU, 16 cores, "), detail[0])
    }

    func testABenchmarkOnTwoMachinesHasOneChartPerMachine() throws {
        try ReportRenderer(options: .init()).write(history(), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        let markup = try String(contentsOf: output.appendingPathComponent("benchmarks/parse.html"), encoding: .utf8)
        XCTAssertFalse(markup.contains("}}"), "no template text leaks into the page")
        let sections = "//*[local-name()='section'][@class='machine']"
        XCTAssertEqual(try Fixtures.texts(page, "\(sections)/@id"), ["machine-1", "machine-2"])
        let smallMedians = [1_000_000.0, 1_002_000, 1_004_000].map { UnitFormat.duration(ns: $0) }
        for (anchor, hosts, medians) in [("machine-1", ["ci", "ci-2"], smallMedians), ("machine-2", ["big <box> & \"co\""], [])] {
            let svg = "\(sections)[@id='\(anchor)']//*[local-name()='svg']"
            let titles = try Fixtures.texts(page, "\(svg)/*[local-name()='circle'][@class='pt']/*[local-name()='title']")
            XCTAssertEqual(titles.count, 3, "\(anchor): its own three runs")
            for title in titles {
                XCTAssertTrue(hosts.contains { title.contains(" · \($0) · ") }, "\(anchor): \(title)")
            }
            if !medians.isEmpty {
                XCTAssertEqual(titles.map { $0.components(separatedBy: " · ").last ?? "" }, medians)
            }
            XCTAssertEqual(try page.nodes(forXPath: "\(svg)/*[local-name()='polyline'][@class='median']").count, 1)
            XCTAssertEqual(try page.nodes(forXPath: "\(svg)/*[local-name()='title']").count, 1)
        }
        // The big machine's axis spans its own medians (0.33–0.45 ms), not the small one's
        // (1 ms): its points use most of the plot's height (18–150).
        let heights = try Fixtures.texts(page, "\(sections)[@id='machine-2']//*[local-name()='svg']/*[local-name()='circle']/@cy")
            .compactMap(Double.init)
        XCTAssertEqual(heights.count, 3)
        XCTAssertGreaterThan((heights.max() ?? 0) - (heights.min() ?? 0), 60, "\(heights)")
        // The same axis as the main chart: round ticks in one unit, lowest first from the bottom.
        let labels = try Fixtures.texts(page, "\(sections)[@id='machine-2']//*[local-name()='svg']/*[local-name()='text'][@class='ylabel']")
        XCTAssertGreaterThanOrEqual(labels.count, 2, "\(labels)")
        for label in labels {
            XCTAssertTrue(label.hasSuffix(" ms") || label.hasSuffix(" µs"), label)
            let number = try XCTUnwrap(Double(label.split(separator: " ").first ?? ""), label)
            XCTAssertEqual(number * 20, (number * 20).rounded(), accuracy: 1e-9, "a round tick: \(label)")
        }

        // Measured on one machine only: the page's own chart is that machine's series.
        let single = try Fixtures.document(output.appendingPathComponent("benchmarks/smallonly.html"))
        XCTAssertEqual(try single.nodes(forXPath: sections).count, 0)
    }

    #if DEBUG
    func testMachineViewModelsAnswerEveryField() throws {
        let index = HistoryIndex(history(), options: ReportOptions())
        let builder = MachineSeriesBuilder(runs: index.runs)
        let rows = builder.dashboardRows()
        XCTAssertEqual(rows.count, 2)
        for row in rows { assertAnswersEveryField(row) }
        let series = builder.series(of: index.series["Parse"] ?? [], name: "Parse")
        XCTAssertEqual(series.count, 2)
        for view in series {
            assertAnswersEveryField(view)
            assertAnswersEveryField(view.chart)
            for tick in view.chart.yTicks + view.chart.xTicks { assertAnswersEveryField(tick) }
            for point in view.chart.points { assertAnswersEveryField(point) }
        }
    }

    private func assertAnswersEveryField<T: MustacheParent>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            XCTAssertNotNil(value.child(named: label), "\(T.self).\(label) is not answered", file: file, line: line)
        }
    }
    #endif
}

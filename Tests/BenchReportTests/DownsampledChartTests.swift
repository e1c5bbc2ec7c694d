import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A chart draws at most about 1000 points per series, however long the history: older runs
/// become buckets with their min/max envelope; steps, failures and the newest runs stay runs.
final class DownsampledChartTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private let all = "//*[local-name()='figure'][@id='all']/*[local-name()='svg']"
    /// The points (runs and buckets), in the group that carries their class.
    private var marks: String { "\(all)/*[local-name()='g'][starts-with(@class, 'pt')]/*[local-name()='circle']" }

    /// 3000 runs, a step at run 1500 and a failure at run 1200, both deep in the bucketed part.
    func testThreeThousandRunsDrawAtMostAThousandPointsAndKeepTheStepAndTheFailure() throws {
        let input = ArchiveFixtures.history(runs: 3000, spacing: 3600) { run, _ in
            run == 1200 ? nil : (run < 1500 ? 1_000_000 : 1_500_000)
        }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))

        let points = try Fixtures.texts(page, "\(marks)/*[local-name()='title']")
        XCTAssertLessThanOrEqual(points.count, 1000)
        XCTAssertGreaterThan(points.count, 500, "the budget is used, not wasted")
        let line = try Fixtures.texts(page, "\(all)/*[local-name()='polyline'][@class='median']/@points").first ?? ""
        XCTAssertEqual(line.split(separator: " ").count, points.count)
        // Buckets show their envelope: one path, a vertical line per bucket whose medians differ.
        let whiskers = try Fixtures.texts(page, "\(all)/*[local-name()='path'][@class='whisker']/@d")
        XCTAssertEqual(whiskers.count, 1)
        let segments = (whiskers.first ?? "").split(separator: "M")
        XCTAssertGreaterThan(segments.count, 100)
        XCTAssertLessThanOrEqual(segments.count, points.count)
        XCTAssertTrue(segments.allSatisfy { $0.split(separator: "V").count == 2 }, "M x top V bottom")
        XCTAssertTrue(points.contains { $0.contains(" runs · median ") }, "bucket titles name their runs and medians")

        // The newest 100 runs are drawn one by one, in order.
        let commits = (2900..<3000).map { String(format: "%07xabcdef", $0).prefix(7) }
        XCTAssertEqual(points.suffix(100).map { $0.components(separatedBy: " · ")[1] }, commits.map(String.init))

        // The failure is its own mark with its own run's title.
        let failures = try Fixtures.texts(page, "\(all)/*[local-name()='g']/*[local-name()='title']")
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures.first?.contains(String(String(format: "%07xabcdef", 1200).prefix(7))) == true, "\(failures)")

        // The step is marked, and drawn points sit at its x: the run at the step and the one before.
        let stepX = try Fixtures.texts(page, "\(all)/*[local-name()='line'][starts-with(@class, 'step')]/@x1")
        XCTAssertEqual(stepX.count, 1)
        let xs = try Fixtures.texts(page, "\(marks)/@cx").compactMap(Double.init)
        guard let step = stepX.first.flatMap(Double.init), let at = xs.firstIndex(where: { abs($0 - step) < 0.01 }) else {
            return XCTFail("no point at the step's x \(stepX)")
        }
        XCTAssertGreaterThan(at, 0)
        for title in [points[at], points[at - 1]] {
            XCTAssertFalse(title.contains(" runs · "), "a run of its own, not a bucket: \(title)")
        }
        XCTAssertTrue(points[at].contains("1.5"), points[at])
        XCTAssertTrue(points[at - 1].contains("1.00") || points[at - 1].contains("1.0"), points[at - 1])
    }

    /// Each machine's own chart is downsampled too: two machines of 1200 runs each.
    func testMachineChartsAreDownsampledToo() throws {
        var input = ArchiveFixtures.history(runs: 2400, spacing: 3600)
        for index in input.runs.indices where index % 2 == 1 { input.runs[index].record.machine.cpuModel = "Other CPU" }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        let charts = try page.nodes(forXPath: "//*[local-name()='section'][@class='machine']//*[local-name()='svg']")
        XCTAssertEqual(charts.count, 2)
        for chart in charts {
            let points = try chart.nodes(forXPath: "*[local-name()='circle']").count
            XCTAssertLessThanOrEqual(points, 1000)
            XCTAssertGreaterThan(points, 500)
        }
    }

    /// A short history draws every run; no whiskers.
    func testShortHistoriesAreNotDownsampled() throws {
        try ReportRenderer().write(ArchiveFixtures.history(runs: 40), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertEqual(try page.nodes(forXPath: marks).count, 40)
        XCTAssertEqual(try page.nodes(forXPath: "//*[@class='whisker']").count, 0)
    }
}

import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A benchmark page colours each run's change with the same threshold the verdict uses: the
/// benchmark's own recorded `regressionThreshold` when it has one.
final class PageThresholdTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private func parse(_ medianNs: Double, threshold: Double?) -> BenchmarkResult {
        var result = Fixtures.ok("Parse", medianNs: medianNs)
        result.config = threshold.map {
            BenchmarkSettings(
                command: nil, swift: "Parse", iterations: 10, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM", env: [:],
                inheritEnv: [], regressionThreshold: $0)
        }
        return result
    }

    /// The change badges of the page's run table, newest first.
    private func badgeClasses(recorded threshold: Double?) throws -> [String] {
        let runs = [
            Fixtures.run(0, [parse(1_000_000, threshold: threshold)]),
            Fixtures.run(1, [parse(1_070_000, threshold: threshold)]),
        ]
        try ReportRenderer().write(ReportInput(runs: runs.map { ReportRun(record: $0, jsonHref: nil) }), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        return try page.nodes(forXPath: "(//*[local-name()='tbody'])[last()]/*[local-name()='tr']/*[local-name()='td'][5]/*[local-name()='span']/@class")
            .map { $0.stringValue ?? "" }
    }

    func testRecordedThresholdDecidesTheRunBadge() throws {
        // +7 % against a recorded 10 %: within the threshold, as the verdict says.
        XCTAssertEqual(try badgeClasses(recorded: 0.10), ["badge muted"])
        let index = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(try Fixtures.texts(index, "//*[local-name()='h1']"), ["The benchmark did not change"])
    }

    func testDefaultThresholdAppliesWithoutARecordedOne() throws {
        XCTAssertEqual(try badgeClasses(recorded: nil), ["badge bad"])
    }
}

import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A run narrowed by `--filter` or `--shard` records what it left out; the dashboard must not
/// call those benchmarks gone from the suite.
final class SelectionDashboardTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private func render(latestSelection: RunSelection?) throws -> XMLDocument {
        let first = Fixtures.run(0, [Fixtures.ok("alpha", medianNs: 1_000_000), Fixtures.ok("beta", medianNs: 2_000_000)])
        var second = Fixtures.run(1, [Fixtures.ok("alpha", medianNs: 1_000_000)])
        second.selection = latestSelection
        let input = ReportInput(runs: [first, second].map { ReportRun(record: $0, jsonHref: nil) })
        try ReportRenderer().write(input, to: output)
        return try Fixtures.document(output.appendingPathComponent("index.html"))
    }

    private let retiredLinks =
        "//*[local-name()='h2'][normalize-space()='No longer in the suite']/following-sibling::*[1]/*[local-name()='a']"

    func testBenchmarkOutsideTheRecordedSelectionIsNotNoLongerInTheSuite() throws {
        let page = try render(latestSelection: RunSelection(filter: "alpha", notSelected: ["beta"]))
        XCTAssertEqual(try Fixtures.texts(page, retiredLinks), [])
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='h2'][normalize-space()='No longer in the suite']").count, 0)
        // Its page stays reachable from the dashboard, under what the run left out.
        let leftOut = try Fixtures.texts(
            page, "//*[local-name()='section'][@id='not-selected']//*[local-name()='a'][@href='benchmarks/beta.html']")
        XCTAssertEqual(leftOut, ["beta"])
        let heading = try Fixtures.texts(page, "//*[local-name()='section'][@id='not-selected']/*[local-name()='h2']")
        XCTAssertEqual(heading.count, 1)
        XCTAssertTrue(heading.first?.contains("--filter 'alpha'") == true, "\(heading)")
    }

    func testBenchmarkMissingFromAFullRunIsNoLongerInTheSuite() throws {
        let page = try render(latestSelection: nil)
        XCTAssertEqual(try Fixtures.texts(page, retiredLinks), ["beta"])
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='section'][@id='not-selected']").count, 0)
    }
}

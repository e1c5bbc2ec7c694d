import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Steps found by the real detector over a 120-run history: an old +20 % step (run 40), a real but
/// sub-threshold +2.5 % step, a recent -15 % step and a +40 % jump in the newest run.
final class RecentChangesTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
        let runs = (0..<120).map { run -> ReportRun in
            // A small deterministic wobble, so the detector sees noise but nothing random.
            let wobble = 1 + 0.002 * sin(Double(run) * 1.7)
            let benchmarks = [
                Fixtures.ok("Old", medianNs: (run >= 40 ? 1_200_000 : 1_000_000) * wobble),
                Fixtures.ok("Small", medianNs: (run >= 60 ? 1_025_000 : 1_000_000) * wobble),
                Fixtures.ok("Recent", medianNs: (run >= 114 ? 850_000 : 1_000_000) * wobble),
                Fixtures.ok("Jump", medianNs: (run == 119 ? 1_400_000 : 1_000_000) * wobble),
            ]
            return ReportRun(record: Fixtures.run(run, benchmarks))
        }
        try ReportRenderer().write(ReportInput(runs: runs), to: output)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private func page(_ name: String) throws -> XMLDocument {
        try Fixtures.document(output.appendingPathComponent(name))
    }

    func testDashboardListsConfirmedStepsOfTheWholeHistoryNewestFirst() throws {
        let index = try page("index.html")
        let rows = "//*[local-name()='section'][@class='changes']//*[local-name()='tbody']/*[local-name()='tr']"
        XCTAssertEqual(try Fixtures.texts(index, "\(rows)/*[local-name()='td'][1]"), ["Recent", "Old"], "no sub-threshold step")
        XCTAssertEqual(
            try Fixtures.texts(index, "\(rows)/*[local-name()='td'][1]/*[local-name()='a']/@href"),
            ["benchmarks/recent.html", "benchmarks/old.html"])
        let old = try Fixtures.texts(index, "\(rows)[2]/*[local-name()='td']")
        XCTAssertEqual(old.count, 5)
        guard old.count == 5 else { return }
        XCTAssertTrue(old[1].hasPrefix("+20."), "\(old)")
        XCTAssertTrue(old[2].hasPrefix("1.00") && old[2].contains(" → 1.20"), "\(old)")
        XCTAssertEqual(old[3], "0000028", "the commit of run 40")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        XCTAssertEqual(old[4], formatter.string(from: Fixtures.run(40, []).startedAt))
    }

    func testRowWithAFineVerdictSaysItSteppedRecently() throws {
        let index = try page("index.html")
        let change = try Fixtures.texts(index, "//*[local-name()='tr'][@id='b-recent']/*[local-name()='td'][8]")
        XCTAssertTrue(change.first?.contains("📈 step -15.0% 5 runs ago") ?? false, "\(change)")
        let old = try Fixtures.texts(index, "//*[local-name()='tr'][@id='b-old']/*[local-name()='td'][8]")
        XCTAssertFalse(old.first?.contains("📈") ?? true, "a step 80 runs ago is in Recent changes, not on the row: \(old)")
        let tiles = try Fixtures.texts(index, "//*[local-name()='ul'][@class='tiles']/*[local-name()='li']")
        XCTAssertTrue(tiles.contains("1Stepped, last 10 runs"), "\(tiles)")
    }

    func testBenchmarkPageListsOnlyStepsAtOrBeyondTheThreshold() throws {
        let small = try page("benchmarks/small.html")
        XCTAssertEqual(try Fixtures.texts(small, "//*[local-name()='h2'][.='Step changes']").count, 0)
        XCTAssertEqual(try small.nodes(forXPath: "//*[local-name()='line'][starts-with(@class, 'step')]").count, 0, "nor on the chart")
        let old = try page("benchmarks/old.html")
        let steps = try Fixtures.texts(old, "(//*[local-name()='table'])[1]/*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][2]")
        XCTAssertEqual(steps, ["0000028"])
    }

    func testJumpInTheNewestRunShowsAsThatRunsVerdict() throws {
        let index = try page("index.html")
        let change = try Fixtures.texts(index, "//*[local-name()='tr'][@id='b-jump']/*[local-name()='td'][8]/*[1]")
        XCTAssertEqual(change.first?.hasSuffix("slower"), true, "\(change)")
        let jump = try page("benchmarks/jump.html")
        let first = try Fixtures.texts(jump, "(//*[local-name()='table'])[1]/*[local-name()='tbody']/*[local-name()='tr'][1]/*[local-name()='td']")
        XCTAssertEqual(first.count, 5)
        guard first.count == 5 else { return }
        XCTAssertTrue(first[0].contains("latest run, slower than the baseline; not yet a confirmed step"), "\(first)")
        XCTAssertEqual(first[1], "0000077")
        XCTAssertTrue(first[4].hasPrefix("+"), "\(first)")
    }
}

final class CommitLinkTests: XCTestCase {
    func testCommitsLinkToTheRepositoryOnlyWhenConfigured() throws {
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let options = ReportOptions(repositoryURL: "https://github.com/acme/widgets")
        try ReportRenderer(options: options).write(Fixtures.history(), to: output)
        let index = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(
            try Fixtures.texts(index, "//*[local-name()='dd']/*[local-name()='a'][*[local-name()='code']]/@href"),
            ["https://github.com/acme/widgets/commit/0000002abcdef"])
        let parse = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertEqual(
            try Fixtures.texts(parse, "(//*[local-name()='table'])[last()]//*[local-name()='td'][2]/*[local-name()='a']/@href"),
            (0..<3).reversed().map { "https://github.com/acme/widgets/commit/000000\($0)abcdef" })
        let runs = try Fixtures.document(output.appendingPathComponent("runs.html"))
        XCTAssertEqual(try Fixtures.texts(runs, "//*[local-name()='td'][2]/*[local-name()='a']/@href").count, 3)

        // Without the setting no page carries an external address.
        try ReportRenderer().write(Fixtures.history(), to: output)
        for name in ["index.html", "runs.html", "benchmarks/parse.html", "benchmarks/sort.html"] {
            let page = try Fixtures.document(output.appendingPathComponent(name))
            let external = try page.nodes(
                forXPath: "//@*[local-name()='href' or local-name()='src'][starts-with(., 'http') or starts-with(., '//')]")
            XCTAssertEqual(external.count, 0, name)
        }
    }
}

import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// How verdicts that never gate are shown: `unconfirmed`, `noisy`, informational benchmarks, and
/// the smallest change each benchmark can detect. The comparisons are set by hand, so these
/// tests do not depend on the verdict rules.
final class UnconfirmedDisplayTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    static let spreadNote = "within the run-to-run spread of the last 12 runs (±56.5 %)"

    /// Ten benchmarks in two runs, the second up to 30 % slower on some, with the verdicts `edit` sets.
    static func suite(
        ab: ABBase? = nil, informational: Set<String> = [], _ edit: (inout BenchmarkComparison) -> Void
    ) -> ReportInput {
        let names = (0..<10).map { "Bench \($0)" }
        let runs = (0..<2).map { run in
            var record = Fixtures.run(run, names.map { name in
                var result = Fixtures.ok(name, medianNs: run == 1 && name < "Bench 4" ? 1_300_000 : 1_000_000)
                if informational.contains(name) {
                    result.config = BenchmarkSettings(
                        command: nil, swift: name, iterations: 10, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM",
                        env: [:], inheritEnv: [], informational: true)
                }
                return result
            })
            if run == 1 { record.ab = ab }
            return record
        }
        return SummaryTests.judged(ReportInput(runs: runs.map { ReportRun(record: $0, jsonHref: "history/\($0.id).json") }), edit)
    }

    /// Twelve unchanged runs used to headline "⚠️ 8 of 10 benchmarks changed beyond the threshold, too
    /// noisy to call". Unconfirmed changes are not changes: the headline says nothing changed.
    func testUnchangedAndUnconfirmedRowsHeadlineNothingChanged() throws {
        let input = Self.suite { row in
            if row.name < "Bench 4" {
                SummaryTests.set(&row, .unconfirmed, note: Self.spreadNote)
            } else {
                SummaryTests.set(&row, .unchanged)
            }
        }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h1']"), ["Nothing changed in 10 benchmarks"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='section'][@aria-label='Verdict']/@class"), ["verdict good"])
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='section'][@class='problems']").count, 0)
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertEqual(summary.components(separatedBy: "\n")[1], "### ✅ benchboard: Nothing changed in 10 benchmarks")
        XCTAssertEqual(summary.components(separatedBy: "\n")[3], "10/10 passed · 4 unconfirmed (never gating)")
    }

    /// Unchanged code on a machine slower than the targets: over target is a standing state, so
    /// the headline says first that nothing changed, then how many are over target (and stays a
    /// warning).
    func testNothingChangedLeadsTheHeadlineWhenSomeAreOverTarget() throws {
        var input = Self.suite { row in
            SummaryTests.set(&row, row.name < "Bench 4" ? .unconfirmed : .unchanged, note: Self.spreadNote)
        }
        for run in input.runs.indices {
            for index in input.runs[run].record.benchmarks.indices where index < 3 {
                input.runs[run].record.benchmarks[index].targetNs = 500_000
            }
        }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h1']"), ["Nothing changed in 10 benchmarks · 3 over target"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='section'][@aria-label='Verdict']/@class"), ["verdict warn"])
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertEqual(
            summary.components(separatedBy: "\n")[1], "### ⚠️ benchboard: Nothing changed in 10 benchmarks · 3 over target")
    }

    /// Noisy verdicts beyond the threshold do not gate either, so they no longer turn the headline yellow.
    func testNoisyChangesDoNotMakeTheHeadlineWarn() throws {
        let input = Self.suite { row in
            SummaryTests.set(&row, row.name < "Bench 8" ? .noisy : .unchanged, note: "not significant (p = 0.2, α = 0.01)")
            row.time.changePercent = row.name < "Bench 8" ? 30 : 1
        }
        let text = try ReportRenderer().summaryMarkdown(input)
        let lines = text.components(separatedBy: "\n")
        XCTAssertEqual(lines[1], "### ✅ benchboard: All 10 benchmarks passed")
        XCTAssertEqual(lines[3], "10/10 passed · 8 changed but too noisy to call (never gating)")
        let html = try MarkdownRendering.document(text)
        XCTAssertEqual(try Fixtures.texts(html, "/root/h4"), ["Not confirmed, never gating (8)"])
    }

    /// Unconfirmed rows are shown with their reason in every output, and never as a failure.
    func testUnconfirmedIsShownWithItsReasonEverywhereAndNeverFails() throws {
        let input = Self.suite { row in
            if row.name == "Bench 0" { SummaryTests.set(&row, .regression) }
            if row.name == "Bench 1" {
                SummaryTests.set(&row, .unconfirmed, note: Self.spreadNote)
                row.time.detectablePercent = 61
                row.time.processSpreadPercent = 12.5
            }
            if row.name > "Bench 1" { SummaryTests.set(&row, .unchanged) }
        }
        let options = ReportOptions(regressionIsFailure: true)
        try ReportRenderer(options: options).write(input, to: output)

        // Dashboard: the badge and, visible under it, the reason.
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let cell = "//*[local-name()='tr'][@id='b-bench-1']/*[local-name()='td'][8]"
        XCTAssertEqual(try Fixtures.texts(page, cell + "/*[contains(@class,'badge')]"), ["+30.0% unconfirmed"])
        XCTAssertEqual(try Fixtures.texts(page, cell + "/*[contains(@class,'note')]"), [Self.spreadNote])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h1']"), ["1 regression in 10 benchmarks"])
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='section'][@class='problems']//*[local-name()='a']"), ["Bench 0"],
            "an unconfirmed change is not a problem")
        let tiles = try Fixtures.texts(page, "//*[local-name()='ul'][@class='tiles']/*[local-name()='li']")
        XCTAssertTrue(tiles.contains("1Unconfirmed"), "\(tiles)")

        // The benchmark page: the verdict, its reason, what it can detect and how its processes spread.
        let bench = try Fixtures.document(output.appendingPathComponent("benchmarks/bench-1.html"))
        let time = "//*[local-name()='section'][@class='verdicts']//*[local-name()='tr'][*[local-name()='th']='Time']"
        XCTAssertEqual(try Fixtures.texts(bench, time + "/*[local-name()='td'][1]/*[contains(@class,'badge')]"), ["unconfirmed"])
        XCTAssertEqual(try Fixtures.texts(bench, time + "/*[local-name()='td'][1]/*[contains(@class,'note')]"), [Self.spreadNote])
        XCTAssertEqual(try Fixtures.texts(bench, time + "/*[local-name()='td'][3]"), ["cannot gate 5%: detects ≥ 61%"])
        XCTAssertEqual(try Fixtures.texts(bench, time + "/*[local-name()='td'][4]"), ["±12.5%"])

        // summary.md: apart from the problems, with the reason, and a footnote linking the docs.
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        let html = try MarkdownRendering.document(summary)
        XCTAssertEqual(try Fixtures.texts(html, "/root/h4"), ["Needs attention (1)", "Not confirmed, never gating (1)"])
        XCTAssertEqual(try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[1]"), ["Bench 0"])
        XCTAssertEqual(
            try Fixtures.texts(html, "/root/table[2]/tbody/tr/td[5]"),
            ["❔ unconfirmed, never gates: \(Self.spreadNote) · ⚠️ cannot gate 5%: detects ≥ 61%"])
        // No link: the project has no address of its own a comment could point at.
        XCTAssertEqual(try Fixtures.texts(html, "//sub/a/@href"), [])
        XCTAssertTrue(try Fixtures.texts(html, "//sub").joined().hasSuffix("Both are explained in benchboard's docs/verdicts.md."))
        for row in try Fixtures.texts(html, "/root/table[2]/tbody/tr") {
            XCTAssertFalse(row.contains("🔺") || row.contains("❌"), "an unconfirmed row reads as a failure: \(row)")
        }

        // JUnit: the regression fails (it was asked to), the unconfirmed row does not, and says why.
        let junit = try XMLDocument(data: Data(contentsOf: output.appendingPathComponent("junit.xml")))
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/@failures"), ["1"])
        XCTAssertEqual(try junit.nodes(forXPath: "//testcase[@name='Bench 1']/failure").count, 0)
        let out = try XCTUnwrap(try Fixtures.texts(junit, "//testcase[@name='Bench 1']/system-out").first)
        XCTAssertTrue(out.hasSuffix("Verdict: +30.0% unconfirmed, never gating: \(Self.spreadNote)"), out)

        // compare's text: the tally says it never gates, and the reason is under the table.
        let text = try ReportRenderer().export(.text, input)
        XCTAssertTrue(text.contains("1 regression, 1 unconfirmed (never gating), 8 unchanged"), text)
        XCTAssertTrue(text.contains("  Bench 1 (time, unconfirmed): \(Self.spreadNote)"), text)
    }

    /// The dashboard's "Detects" column says which benchmarks can gate at their threshold, and an
    /// informational benchmark is marked and never gates, in any output.
    func testDetectsColumnAndInformationalBenchmarks() throws {
        let input = Self.suite(informational: ["Bench 2"]) { row in
            SummaryTests.set(&row, .unchanged)
            // Only what this test sets: the fixtures' processes would give every row a figure.
            row.time.detectablePercent = nil
            if row.name == "Bench 0" { row.time.detectablePercent = 4.2 }
            if row.name == "Bench 1" { row.time.detectablePercent = 23.4 }
            if row.name == "Bench 2" {
                SummaryTests.set(&row, .regression)
                row.time.detectablePercent = 40
            }
        }
        try ReportRenderer(options: ReportOptions(regressionIsFailure: true)).write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let header = try Fixtures.texts(
            page,
            "//*[local-name()='h2'][@id='g-core']/following-sibling::*[1]//*[local-name()='thead']/*[local-name()='tr']/*[local-name()='th']")
        let column = try XCTUnwrap(header.firstIndex(of: "Detects")) + 1
        func detects(_ slug: String) throws -> [String] {
            try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-\(slug)']/*[local-name()='td'][\(column)]/*/@class")
                + Fixtures.texts(page, "//*[local-name()='tr'][@id='b-\(slug)']/*[local-name()='td'][\(column)]")
        }
        XCTAssertEqual(try detects("bench-0"), ["badge good", "detects ≥ 4.2%"])
        XCTAssertEqual(try detects("bench-1"), ["badge warn", "cannot gate 5%: detects ≥ 23%"])
        XCTAssertEqual(try detects("bench-3"), ["badge muted", "not known yet"])
        // On a phone the column is hidden and the same badge sits under the change.
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-bench-1']/*[local-name()='td'][8]/*[contains(@class,'show-narrow')]"),
            ["cannot gate 5%: detects ≥ 23%"])
        let legend = try Fixtures.texts(page, "//*[local-name()='p'][@class='legend-line']")
        XCTAssertEqual(legend.count, 1)
        XCTAssertTrue(try XCTUnwrap(legend.first).hasPrefix("Detects: the smallest change each benchmark can detect"), "\(legend)")

        // The informational regression: marked, blue rather than red, and not counted as news.
        let name = "//*[local-name()='tr'][@id='b-bench-2']/*[local-name()='td'][2]"
        XCTAssertEqual(try Fixtures.texts(page, name + "/*[contains(@class,'info')]"), ["ℹ️ informational"])
        XCTAssertEqual(
            try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-bench-2']/*[local-name()='td'][8]/*[1]/@class"), ["badge info"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h1']"), ["All 10 benchmarks passed"])
        let junit = try XMLDocument(data: Data(contentsOf: output.appendingPathComponent("junit.xml")))
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/@failures"), ["0"])

        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        let html = try MarkdownRendering.document(summary)
        XCTAssertEqual(try Fixtures.texts(html, "/root/h4"), ["Not confirmed, never gating (1)"])
        XCTAssertEqual(
            try Fixtures.texts(html, "/root/table[1]/tbody/tr/td[5]"),
            ["ℹ️ slower, informational (never gates) · ⚠️ cannot gate 5%: detects ≥ 40%"])
        let all = try Fixtures.texts(html, "/root/details/table/tbody/tr[2]/td[5]")
        XCTAssertEqual(all, ["✅ unchanged · ⚠️ cannot gate 5%: detects ≥ 23%"])

        let json = try ReportRenderer().export(.json, input)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let bench1 = try XCTUnwrap(rows.first { $0["name"] as? String == "Bench 1" })
        XCTAssertEqual((bench1["time"] as? [String: Any])?["detectablePercent"] as? Double, 23.4)
        XCTAssertEqual(bench1["informational"] as? Bool, false)
        XCTAssertEqual(rows.first { $0["name"] as? String == "Bench 2" }?["informational"] as? Bool, true)
    }

    /// An A/B head run says what it was judged against, in the PR comment and on the dashboard.
    func testABRunNamesItsBase() throws {
        let input = Self.suite(ab: ABBase(label: "main", commit: "abc1234def5678", runID: "run0000")) { SummaryTests.set(&$0, .unchanged) }
        try ReportRenderer().write(input, to: output)
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        let html = try MarkdownRendering.document(summary)
        let paragraphs = try Fixtures.texts(html, "/root/p")
        XCTAssertTrue(
            paragraphs.contains { $0.contains("Judged A/B against main @ abc1234 in this job. The base and head builds ran alternately") },
            "\(paragraphs)")
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let baseline = try Fixtures.texts(
            page, "//*[local-name()='div'][*[local-name()='dt']='Baseline']/*[local-name()='dd']")
        XCTAssertEqual(baseline, ["Judged A/B against main @ abc1234 in this job."])
        let runs = try Fixtures.document(output.appendingPathComponent("runs.html"))
        XCTAssertEqual(
            try Fixtures.texts(runs, "//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][1]/*[contains(@class,'badge ab')]"),
            ["A/B against main @ abc1234"], "only the A/B run is marked")
        let text = try ReportRenderer().export(.text, input)
        XCTAssertTrue(text.contains("Baseline: Judged A/B against main @ abc1234 in this job. (run0000"), text)
    }
}

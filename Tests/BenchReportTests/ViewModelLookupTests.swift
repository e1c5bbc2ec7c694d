// Needs internal types; `swift test -c release` builds without testability, so debug only.
#if DEBUG
@testable import BenchReport
import Mustache
import XCTest

/// The view models answer Mustache's lookups from a switch (for speed). A stored field the
/// switch forgets would silently render as nothing: compare the switch with Mirror's view.
final class ViewModelLookupTests: XCTestCase {
    private func assertAnswersEveryField<T: MustacheParent>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let mirror = Mirror(reflecting: child.value)
            var expected = child.value
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else { continue }
                expected = wrapped
            }
            guard let answered = value.child(named: label) else {
                XCTFail("\(T.self).\(label) is not answered", file: file, line: line)
                continue
            }
            XCTAssertEqual(
                String(describing: answered), String(describing: expected), "\(T.self).\(label) answers another value",
                file: file, line: line)
        }
        XCTAssertNil(value.child(named: "noSuchField"), file: file, line: line)
    }

    func testEveryViewModelAnswersItsFields() throws {
        let input = Fixtures.history()
        let options = ReportOptions()
        let index = HistoryIndex(input, options: options)
        let status = SuiteStatus(index)
        let dashboard = DashboardBuilder(index: index, status: status, options: options).build()
        assertAnswersEveryField(dashboard)
        assertAnswersEveryField(try XCTUnwrap(dashboard.latest))
        assertAnswersEveryField(try XCTUnwrap(dashboard.verdict))
        for tile in dashboard.tiles { assertAnswersEveryField(tile) }
        for problem in dashboard.problems { assertAnswersEveryField(problem) }
        for group in dashboard.groups {
            assertAnswersEveryField(group)
            for row in group.rows {
                assertAnswersEveryField(row)
                assertAnswersEveryField(row.sparkline)
                row.speed.map { assertAnswersEveryField($0) }
                row.change.map { assertAnswersEveryField($0) }
                row.failure.map { assertAnswersEveryField($0) }
                row.sparkline.last.map { assertAnswersEveryField($0) }
            }
        }
        let page = BenchmarkPageBuilder(index: index, options: options).build(name: "Parse")
        assertAnswersEveryField(page)
        for fact in page.facts { assertAnswersEveryField(fact) }
        for link in page.zoomLinks { assertAnswersEveryField(link) }
        for chart in page.charts {
            assertAnswersEveryField(chart)
            for tick in chart.yTicks + chart.xTicks { assertAnswersEveryField(tick) }
            for point in chart.points { assertAnswersEveryField(point) }
        }
        for row in page.runRows { assertAnswersEveryField(row) }
        assertAnswersEveryField(WhiskerView(x: "1", top: "2", bottom: "3"))
        let archive = ArchivePage(
            title: "t", pageTitle: "p", root: "r", period: "2026-Q4", runsText: "r", dataHref: "d",
            runs: RunsPageBuilder(index: index, options: options).build().runs)
        assertAnswersEveryField(archive)
        assertAnswersEveryField(ArchiveLinkView(text: "2026-Q4", href: "h", dataHref: "d"))
        let step = StepMarkView(x: "1", stepTitle: "t", stepClass: "bad")
        assertAnswersEveryField(step)
        assertAnswersEveryField(StepRowView(stepDate: "d", stepCommit: "c", before: "b", after: "a", stepPercent: "p", stepClass: "s"))
        assertAnswersEveryField(LinkView(text: "t", href: "h"))
        assertAnswersEveryField(
            RecentChangeView(
                name: "n", href: "h", changeText: "c", changeClass: "bad", before: "b", after: "a", commit: "c",
                commitHref: "https://example.org/commit/abc", date: "d"))
        assertAnswersEveryField(
            StepRowView(
                stepDate: "d", stepCommit: "c", stepCommitHref: "h", before: "b", after: "a", stepPercent: "p", stepClass: "s",
                stepNote: "n", stepHref: "#run-1"))
        var runs = RunsPageBuilder(index: index, options: options).build()
        runs.archiveLinks = [ArchiveLinkView(text: "2026-Q4", href: "h", dataHref: "d")]
        assertAnswersEveryField(runs)
        for row in runs.runs { assertAnswersEveryField(row) }
        assertAnswersEveryField(SummaryBuilder(index: index, status: status, options: options).build())
        let badge = BadgeView(text: "t", badgeClass: "c", hint: "h")
        assertAnswersEveryField(
            VerdictRowView(metric: "m", change: "c", verdict: badge, note: "n", detects: badge, processSpread: "s"))
        assertAnswersEveryField(
            ProcessRowView(
                round: "1", samples: "5", median: "m", offset: "o", outcomeIcon: "i", outcomeText: "t", outcomeClass: "ok",
                memory: "m", cpu: "c", wall: "w", busy: "b", steal: "s", rowClass: "busy", busyHint: "h"))
        var full = BenchmarkPage(
            title: "t", pageTitle: "p", root: "r", name: "n", groupName: "g", latestLine: "l", latestClass: "c", facts: [],
            failure: nil, zoomLinks: [], charts: [], hasTarget: false, steps: [], hasSteps: false, runRows: [], runsText: "r")
        full.memorySpreadText = "m"
        full.archiveLinks = [ArchiveLinkView(text: "2026-Q4", href: "../runs/2026-Q4.html", dataHref: "../runs/2026-Q4.csv")]
        assertAnswersEveryField(full)
        for group in dashboard.groups {
            for var row in group.rows {
                row.memorySpread = badge
                row.medianNote = "n"
                row.informational = badge
                row.detects = badge
                assertAnswersEveryField(row)
            }
        }
        var summary = SummaryBuilder(index: index, status: status, options: options).build()
        summary.footnote = "f"
        assertAnswersEveryField(summary)
    }
}
#endif

import BenchModel
import Mustache

/// The view model of `index.mustache`. Every field is display-ready text; the comment at
/// the top of index.mustache lists them for template authors.
struct DashboardPage: Sendable {
    var title: String
    var pageTitle: String
    /// Prefix from this page to the output root: "" here, "../" on benchmark pages.
    var root: String
    var warnings: [String]
    var hasWarnings = false
    var hasRuns: Bool
    var latest: LatestRunView?
    var verdict: VerdictView?
    var tiles: [TileView]
    var problems: [ProblemView]
    var hasProblems = false
    var groups: [GroupView]
    /// Benchmarks of the history that the latest run did not set out to run and that are gone.
    var retired: [LinkView]
    var hasRetired = false
    /// Benchmarks the latest run's --filter or --shard left out: still in the suite.
    var notSelected: [LinkView] = []
    var hasNotSelected = false
    /// How the latest run was narrowed: "--filter 'alpha'".
    var notSelectedText = ""
    var runCount: String
    var sparklineRuns: String
    /// "1 run", "12 runs": the history's size with its noun.
    var runCountText = ""
    /// "Last 30 runs": the sparkline column's header.
    var sparklineRunsText = ""
    /// The machines in the history (machines.mustache).
    var machines: [MachineRowView] = []
    var machineCountText = ""
    /// Confirmed steps at or beyond the threshold over the whole history, newest first.
    var recentChanges: [RecentChangeView]
    var hasRecentChanges = false
    var recentChangesText = ""
    /// Whether any benchmark has a "Detects" figure or is informational: the column and its legend.
    var hasDetects = false
    var detectsLegend = ""
}

/// One confirmed step in "Recent changes".
struct RecentChangeView: Sendable {
    var name: String
    var href: String
    var changeText: String
    var changeClass: String
    var before: String
    var after: String
    var commit: String
    var commitHref: String?
    var date: String
}

/// The header facts of the latest run.
struct LatestRunView: Sendable {
    var date: String
    var runID: String
    var commit: String
    var subject: String
    var branch: String
    var commitHref: String?
    var dirty: Bool
    var machine: String
    var isolation: String
    var build: String
    var buildIsDebug: Bool
    var interrupted: Bool
    var passedText: String
    var baselineText: String
    var caveat: String?
    var jsonHref: String?
}

/// The one-line state of the suite, the first thing a reader sees.
struct VerdictView: Sendable {
    var verdictClass: String
    var icon: String
    var headline: String
    var detail: String
}

/// A count in the summary strip ("Failed 2").
struct TileView: Sendable {
    var label: String
    var value: String
    var tileClass: String
}

/// A problem listed above the tables, linking to its row.
struct ProblemView: Sendable {
    var icon: String
    var name: String
    var anchor: String
    var text: String
    var problemClass: String
}

struct GroupView: Sendable {
    var groupName: String
    var groupAnchor: String
    var countText: String
    var rows: [BenchmarkRowView]
}

/// One benchmark on the dashboard.
struct BenchmarkRowView: Sendable {
    var anchor: String
    var href: String
    var name: String
    var statusIcon: String
    var statusText: String
    var statusClass: String
    var isolated: Bool
    /// "in-process" or "fallback (in-process)" when not isolated.
    var modeNote: String?
    var median: String
    var spread: String?
    var targetText: String?
    var speed: BadgeView?
    var memory: String
    /// Set when the processes disagree on memory: their range, shown instead of one figure's change.
    var memorySpread: BadgeView?
    var memoryChange: BadgeView?
    var cpu: String
    var cpuChange: BadgeView?
    var total: String
    var change: BadgeView?
    /// Why the time verdict is noisy, shown under the change (a hover title alone is lost on phones).
    var changeNote: String?
    var step: BadgeView?
    var sparkline: SparklineView
    var failure: FailureView?
    /// "per inner iteration (× 1000)" when the times are divided by a scaling factor.
    var medianNote: String? = nil
    /// `Detectability.informationalBadge` for a benchmark that never gates.
    var informational: BadgeView? = nil
    /// The smallest change it can detect against its threshold (`Detectability`); nil without a comparison.
    var detects: BadgeView? = nil
}

/// A short coloured text: "✅ Fast", "+12.3% slower".
struct BadgeView: Sendable {
    var text: String
    var badgeClass: String
    var hint: String
}

/// Why a benchmark did not succeed.
struct FailureView: Sendable {
    var facts: [String]
    var stderrTail: String?
}

extension FailureView {
    /// Nil for a benchmark that succeeded.
    init?(_ result: BenchmarkResult) {
        guard !result.outcome.isSuccess else { return nil }
        let tail = result.stderrTail.map(TextSafety.xml)
        self.init(facts: ReportFormat.failureFacts(result), stderrTail: tail?.isEmpty == false ? tail : nil)
    }
}

struct LinkView: Sendable {
    var text: String
    var href: String
}


// Mustache looks fields up by name. Answering from a switch instead of through Mirror (the
// library's fallback) is what keeps 1000 runs × 100 benchmarks well under two seconds;
// ViewModelLookupTests checks that every stored field is answered.
extension DashboardPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "pageTitle": pageTitle
        case "root": root
        case "warnings": warnings
        case "hasWarnings": hasWarnings
        case "hasRuns": hasRuns
        case "latest": latest
        case "verdict": verdict
        case "tiles": tiles
        case "problems": problems
        case "hasProblems": hasProblems
        case "groups": groups
        case "retired": retired
        case "hasRetired": hasRetired
        case "notSelected": notSelected
        case "hasNotSelected": hasNotSelected
        case "notSelectedText": notSelectedText
        case "runCount": runCount
        case "sparklineRuns": sparklineRuns
        case "runCountText": runCountText
        case "sparklineRunsText": sparklineRunsText
        case "machines": machines
        case "machineCountText": machineCountText
        case "recentChanges": recentChanges
        case "hasRecentChanges": hasRecentChanges
        case "recentChangesText": recentChangesText
        case "hasDetects": hasDetects
        case "detectsLegend": detectsLegend
        default: nil
        }
    }
}

extension LatestRunView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "date": date
        case "runID": runID
        case "commit": commit
        case "subject": subject
        case "branch": branch
        case "commitHref": commitHref
        case "dirty": dirty
        case "machine": machine
        case "isolation": isolation
        case "build": build
        case "buildIsDebug": buildIsDebug
        case "interrupted": interrupted
        case "passedText": passedText
        case "baselineText": baselineText
        case "caveat": caveat
        case "jsonHref": jsonHref
        default: nil
        }
    }
}

extension VerdictView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "verdictClass": verdictClass
        case "icon": icon
        case "headline": headline
        case "detail": detail
        default: nil
        }
    }
}

extension TileView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "value": value
        case "tileClass": tileClass
        default: nil
        }
    }
}

extension ProblemView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "icon": icon
        case "name": name
        case "anchor": anchor
        case "text": text
        case "problemClass": problemClass
        default: nil
        }
    }
}

extension GroupView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "groupName": groupName
        case "groupAnchor": groupAnchor
        case "countText": countText
        case "rows": rows
        default: nil
        }
    }
}

extension BenchmarkRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "href": href
        case "name": name
        case "statusIcon": statusIcon
        case "statusText": statusText
        case "statusClass": statusClass
        case "isolated": isolated
        case "modeNote": modeNote
        case "median": median
        case "spread": spread
        case "targetText": targetText
        case "speed": speed
        case "memory": memory
        case "memorySpread": memorySpread
        case "memoryChange": memoryChange
        case "cpu": cpu
        case "cpuChange": cpuChange
        case "total": total
        case "change": change
        case "changeNote": changeNote
        case "step": step
        case "sparkline": sparkline
        case "failure": failure
        case "medianNote": medianNote
        case "informational": informational
        case "detects": detects
        default: nil
        }
    }
}

extension BadgeView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": text
        case "badgeClass": badgeClass
        case "hint": hint
        default: nil
        }
    }
}

extension FailureView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "facts": facts
        case "stderrTail": stderrTail
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": text
        case "href": href
        default: nil
        }
    }
}

extension RecentChangeView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "href": href
        case "changeText": changeText
        case "changeClass": changeClass
        case "before": before
        case "after": after
        case "commit": commit
        case "commitHref": commitHref
        case "date": date
        default: nil
        }
    }
}

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
// library's fallback), and saying what kind each field is (`TemplateFields`), is what keeps
// 1000 runs × 100 benchmarks well under two seconds; ViewModelLookupTests checks that every
// stored field is answered. The switches are inlined where a list's element is asked, so that
// only the field asked for is read.
extension DashboardPage: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "title": .text(title)
        case "pageTitle": .text(pageTitle)
        case "root": .text(root)
        case "warnings": .value(warnings)
        case "hasWarnings": .flag(hasWarnings)
        case "hasRuns": .flag(hasRuns)
        case "latest": .view(ifAny: latest)
        case "verdict": .view(ifAny: verdict)
        case "tiles": .views(tiles)
        case "problems": .views(problems)
        case "hasProblems": .flag(hasProblems)
        case "groups": .views(groups)
        case "retired": .views(retired)
        case "hasRetired": .flag(hasRetired)
        case "notSelected": .views(notSelected)
        case "hasNotSelected": .flag(hasNotSelected)
        case "notSelectedText": .text(notSelectedText)
        case "runCount": .text(runCount)
        case "sparklineRuns": .text(sparklineRuns)
        case "runCountText": .text(runCountText)
        case "sparklineRunsText": .text(sparklineRunsText)
        case "machines": .value(machines)
        case "machineCountText": .text(machineCountText)
        case "recentChanges": .views(recentChanges)
        case "hasRecentChanges": .flag(hasRecentChanges)
        case "recentChangesText": .text(recentChangesText)
        case "hasDetects": .flag(hasDetects)
        case "detectsLegend": .text(detectsLegend)
        default: nil
        }
    }
}

extension LatestRunView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "date": .text(date)
        case "runID": .text(runID)
        case "commit": .text(commit)
        case "subject": .text(subject)
        case "branch": .text(branch)
        case "commitHref": .text(ifAny: commitHref)
        case "dirty": .flag(dirty)
        case "machine": .text(machine)
        case "isolation": .text(isolation)
        case "build": .text(build)
        case "buildIsDebug": .flag(buildIsDebug)
        case "interrupted": .flag(interrupted)
        case "passedText": .text(passedText)
        case "baselineText": .text(baselineText)
        case "caveat": .text(ifAny: caveat)
        case "jsonHref": .text(ifAny: jsonHref)
        default: nil
        }
    }
}

extension VerdictView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "verdictClass": .text(verdictClass)
        case "icon": .text(icon)
        case "headline": .text(headline)
        case "detail": .text(detail)
        default: nil
        }
    }
}

extension TileView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "label": .text(label)
        case "value": .text(value)
        case "tileClass": .text(tileClass)
        default: nil
        }
    }
}

extension ProblemView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "icon": .text(icon)
        case "name": .text(name)
        case "anchor": .text(anchor)
        case "text": .text(text)
        case "problemClass": .text(problemClass)
        default: nil
        }
    }
}

extension GroupView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "groupName": .text(groupName)
        case "groupAnchor": .text(groupAnchor)
        case "countText": .text(countText)
        case "rows": .views(rows)
        default: nil
        }
    }
}

extension BenchmarkRowView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "anchor": .text(anchor)
        case "href": .text(href)
        case "name": .text(name)
        case "statusIcon": .text(statusIcon)
        case "statusText": .text(statusText)
        case "statusClass": .text(statusClass)
        case "isolated": .flag(isolated)
        case "modeNote": .text(ifAny: modeNote)
        case "median": .text(median)
        case "spread": .text(ifAny: spread)
        case "targetText": .text(ifAny: targetText)
        case "speed": .view(ifAny: speed)
        case "memory": .text(memory)
        case "memorySpread": .view(ifAny: memorySpread)
        case "memoryChange": .view(ifAny: memoryChange)
        case "cpu": .text(cpu)
        case "cpuChange": .view(ifAny: cpuChange)
        case "total": .text(total)
        case "change": .view(ifAny: change)
        case "changeNote": .text(ifAny: changeNote)
        case "step": .view(ifAny: step)
        case "sparkline": .view(sparkline)
        case "failure": .view(ifAny: failure)
        case "medianNote": .text(ifAny: medianNote)
        case "informational": .view(ifAny: informational)
        case "detects": .view(ifAny: detects)
        default: nil
        }
    }
}

extension BadgeView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "text": .text(text)
        case "badgeClass": .text(badgeClass)
        case "hint": .text(hint)
        default: nil
        }
    }
}

extension FailureView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "facts": .value(facts)
        case "stderrTail": .text(ifAny: stderrTail)
        default: nil
        }
    }
}

extension LinkView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "text": .text(text)
        case "href": .text(href)
        default: nil
        }
    }
}

extension RecentChangeView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "name": .text(name)
        case "href": .text(href)
        case "changeText": .text(changeText)
        case "changeClass": .text(changeClass)
        case "before": .text(before)
        case "after": .text(after)
        case "commit": .text(commit)
        case "commitHref": .text(ifAny: commitHref)
        case "date": .text(date)
        default: nil
        }
    }
}

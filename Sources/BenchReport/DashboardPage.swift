/// The view model of `index.mustache`. Every field is display-ready text; see
/// Templates/README.md for what each template receives.
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
    var retired: [LinkView]
    var hasRetired = false
    var runCount: String
    var sparklineRuns: String
}

/// The header facts of the latest run.
struct LatestRunView: Sendable {
    var date: String
    var runID: String
    var commit: String
    var subject: String
    var branch: String
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
    var memoryChange: BadgeView?
    var cpu: String
    var cpuChange: BadgeView?
    var total: String
    var change: BadgeView?
    var step: BadgeView?
    var sparkline: SparklineView
    var failure: FailureView?
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

struct LinkView: Sendable {
    var text: String
    var href: String
}

/// The view model of `runs.mustache`: every run, newest first.
struct RunsPage: Sendable {
    var title: String
    var pageTitle: String
    var root: String
    var warnings: [String]
    var hasWarnings: Bool
    var hasRuns: Bool
    var runs: [RunListRowView]
}

struct RunListRowView: Sendable {
    var runDate: String
    var runID: String
    var runCommit: String
    var runSubject: String
    var runBranch: String
    var dirty: Bool
    var passed: String
    var failed: String
    var failedClass: String
    var isolation: String
    var build: String
    var duration: String
    var jsonHref: String?
    var isLatest: Bool
}

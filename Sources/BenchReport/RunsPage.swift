import Mustache

/// The view model of `runs.mustache`: the newest runs, newest first, and the quarters of the
/// older ones (`RunArchive`).
struct RunsPage: Sendable {
    var title: String
    var pageTitle: String
    var root: String
    var warnings: [String]
    var hasWarnings: Bool
    var hasRuns: Bool
    var runs: [RunListRowView]
    /// "12 runs, newest first", or how many of how many when older runs are in the archives.
    var runsText = ""
    /// One link per quarter with runs this page no longer lists, oldest first.
    var archiveLinks: [ArchiveLinkView] = []
    var hasArchive = false
}

/// One run in runs.html or in a quarter's archive.
struct RunListRowView: Sendable {
    /// `RunArchive.anchor` of the run id: what run links point at.
    var anchor: String
    var runDate: String
    var runID: String
    var runCommit: String
    var runCommitHref: String?
    var runSubject: String
    var runBranch: String
    var dirty: Bool
    var passed: String
    var failed: String
    var failedClass: String
    /// Passed but over target: counted in `passed` too.
    var slow = "0"
    var slowClass = "muted"
    var isolation: String
    var build: String
    var duration: String
    var jsonHref: String?
    var isLatest: Bool
    /// "A/B against main @ abc1234" for the head run of `benchboard ab`, else nil.
    var abText: String? = nil
}


// Mustache looks fields up by name. Answering from a switch instead of through Mirror (the
// library's fallback) is what keeps 1000 runs × 100 benchmarks well under two seconds;
// ViewModelLookupTests checks that every stored field is answered.
extension RunsPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "pageTitle": pageTitle
        case "root": root
        case "warnings": warnings
        case "hasWarnings": hasWarnings
        case "hasRuns": hasRuns
        case "runs": runs
        case "runsText": runsText
        case "archiveLinks": archiveLinks
        case "hasArchive": hasArchive
        default: nil
        }
    }
}

extension RunListRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "runDate": runDate
        case "runID": runID
        case "runCommit": runCommit
        case "runCommitHref": runCommitHref
        case "runSubject": runSubject
        case "runBranch": runBranch
        case "dirty": dirty
        case "passed": passed
        case "failed": failed
        case "failedClass": failedClass
        case "slow": slow
        case "slowClass": slowClass
        case "isolation": isolation
        case "build": build
        case "duration": duration
        case "jsonHref": jsonHref
        case "isLatest": isLatest
        case "abText": abText
        default: nil
        }
    }
}

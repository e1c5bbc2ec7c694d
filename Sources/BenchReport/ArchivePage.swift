import Mustache

/// The view model of `archive.mustache`: one benchmark's runs of one month that its page no
/// longer lists. Compact on purpose (one short row per run), since archives are what grows with
/// the history.
struct ArchivePage: Sendable {
    var title: String
    var pageTitle: String
    /// "../../../": from benchmarks/<slug>/archive/ back to the output folder.
    var root: String
    var name: String
    /// "../../<slug>.html": the benchmark's page.
    var benchmarkHref: String
    /// "2026-11"
    var period: String
    var runsText: String
    var rows: [ArchiveRowView]
}

/// One run in an archive, newest first.
struct ArchiveRowView: Sendable {
    /// `RunArchive.anchor` of the run id: what run links point at.
    var anchor: String
    /// "11-25 10:49", UTC; the month is the page's.
    var date: String
    var commit: String
    var commitHref: String?
    /// "fail", "timeout", … for a run that did not succeed (the row's class); nil for a success.
    var outcomeClass: String?
    /// The median, or the outcome word of a run that did not succeed.
    var median: String
}

// Mustache looks fields up by name; a switch answers faster than Mirror (ViewModelLookupTests).
extension ArchivePage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "pageTitle": pageTitle
        case "root": root
        case "name": name
        case "benchmarkHref": benchmarkHref
        case "period": period
        case "runsText": runsText
        case "rows": rows
        default: nil
        }
    }
}

extension ArchiveRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "date": date
        case "commit": commit
        case "commitHref": commitHref
        case "outcomeClass": outcomeClass
        case "median": median
        default: nil
        }
    }
}

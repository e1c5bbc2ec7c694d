import Mustache

/// The view model of `archive.mustache`: every run of one UTC quarter, newest first, written to
/// `runs/<YYYY>-Q<n>.html` beside the quarter's CSV of medians (`RunArchive`). Its rows are
/// runs.html's, through the same partial, so a run reads alike in both.
struct ArchivePage: Sendable {
    var title: String
    var pageTitle: String
    /// "../": from runs/ back to the output folder.
    var root: String
    /// "2026-Q4"
    var period: String
    var runsText: String
    /// "2026-Q4.csv": the quarter's medians, beside the page.
    var dataHref: String
    var runs: [RunListRowView]
}

/// A link to a quarter's archive: its run list and its CSV of medians.
struct ArchiveLinkView: Sendable {
    /// "2026-Q4"
    var text: String
    var href: String
    var dataHref: String
}

// Mustache looks fields up by name; a switch answers faster than Mirror (ViewModelLookupTests).
extension ArchivePage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "pageTitle": pageTitle
        case "root": root
        case "period": period
        case "runsText": runsText
        case "dataHref": dataHref
        case "runs": runs
        default: nil
        }
    }
}

extension ArchiveLinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": text
        case "href": href
        case "dataHref": dataHref
        default: nil
        }
    }
}

import Mustache

/// The view model of `summary.mustache` (Markdown, for a pull-request comment). Every string
/// is already Markdown-escaped; table rows are whole GFM rows. The template uses the TEXT content type.
struct SummaryDocument: Sendable {
    var title: String
    var hasRuns: Bool
    var icon: String
    var headline: String
    var detail: String
    var runLine: String
    var baselineText: String
    var caveat: String?
    var warnings: [String]
    /// "Needs attention (3)".
    var problemsTitle: String
    /// `| Benchmark | Baseline | Current | Change | Verdict |` rows: failures, regressions, noisy
    /// changes at or beyond the threshold, over target; each group capped with a "+N more" row.
    var problemRows: [String]
    var hasProblems: Bool
    /// "Not confirmed, never gating (2)" and its rows, in the same columns: unconfirmed and noisy
    /// changes and informational benchmarks' changes, capped like a problem group.
    var unsettledTitle = ""
    var unsettledRows: [String] = []
    var hasUnsettled = false
    /// What unconfirmed and the detectable change mean, with a link to the documentation; nil when
    /// no row needs it.
    var footnote: String? = nil
    var allTitle: String
    /// Every benchmark of the latest run, in run order, in the same columns.
    var allRows: [String]
    var hasAllRows: Bool
    /// Says how many rows were left out to fit the comment limit, and where the rest is.
    var omitted: String?
    var reportLink: String?
}


// Mustache looks fields up by name. Answering from a switch instead of through Mirror (the
// library's fallback) is what keeps 1000 runs × 100 benchmarks well under two seconds;
// ViewModelLookupTests checks that every stored field is answered.
extension SummaryDocument: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "hasRuns": hasRuns
        case "icon": icon
        case "headline": headline
        case "detail": detail
        case "runLine": runLine
        case "baselineText": baselineText
        case "caveat": caveat
        case "warnings": warnings
        case "problemsTitle": problemsTitle
        case "problemRows": problemRows
        case "hasProblems": hasProblems
        case "unsettledTitle": unsettledTitle
        case "unsettledRows": unsettledRows
        case "hasUnsettled": hasUnsettled
        case "footnote": footnote
        case "allTitle": allTitle
        case "allRows": allRows
        case "hasAllRows": hasAllRows
        case "omitted": omitted
        case "reportLink": reportLink
        default: nil
        }
    }
}

/// The view model of `summary.mustache` (Markdown, for a pull-request comment). Every string
/// is already Markdown-escaped; the template uses the TEXT content type.
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
    var problems: [String]
    var hasProblems: Bool
    var allTitle: String
    var lines: [String]
    var hasLines: Bool
    /// Says how many rows were left out to fit the comment limit, and where the rest is.
    var omitted: String?
    var reportLink: String?
}

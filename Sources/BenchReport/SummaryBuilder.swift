import BenchAnalysis
import BenchModel

/// Builds summary.md: worst news first, everything in `<details>`, and never more than
/// GitHub's comment limit.
struct SummaryBuilder {
    /// GitHub refuses comments longer than 65 536 characters. Counting UTF-8 bytes (always at
    /// least the character count) keeps us under it whatever GitHub counts.
    static let limit = 65_536

    let index: HistoryIndex
    let status: SuiteStatus
    let options: ReportOptions

    func render(with templates: TemplateSet) -> String {
        var document = build()
        var text = templates.render("summary", document)
        var problems = document.problems
        var lines = document.lines
        let totalRows = problems.count + lines.count
        // Drop rows from the end (details first, then the least bad problems) until it fits.
        while text.utf8.count > Self.limit, !(problems.isEmpty && lines.isEmpty) {
            var excess = text.utf8.count - Self.limit + 400
            while excess > 0, !lines.isEmpty { excess -= lines.removeLast().utf8.count + 3 }
            while excess > 0, !problems.isEmpty { excess -= problems.removeLast().utf8.count + 3 }
            let left = totalRows - problems.count - lines.count
            document.problems = problems
            document.lines = lines
            document.hasLines = !lines.isEmpty
            var note = "\(left) of \(totalRows) rows were left out to stay within GitHub's 65 536-character comment limit."
            if let url = options.fullReportURL {
                note += " The full report is at \(TextSafety.markdown(url))."
            } else {
                note += " The full report is in index.html and junit.xml next to this file."
            }
            document.omitted = note
            text = templates.render("summary", document)
        }
        return text
    }

    func build() -> SummaryDocument {
        let title = TextSafety.markdown(options.title)
        var document = SummaryDocument(
            title: title, hasRuns: false, icon: "ℹ️", headline: "No benchmark runs recorded yet", detail: "",
            runLine: "", baselineText: "", caveat: nil, warnings: index.warnings.map(TextSafety.markdown), problems: [],
            hasProblems: false, allTitle: "", lines: [], hasLines: false, omitted: nil,
            reportLink: options.fullReportURL.map(TextSafety.markdown))
        guard let latest = index.runs.last else { return document }
        let record = latest.record
        document.hasRuns = true
        document.icon = status.icon
        document.headline = status.headline
        document.detail = status.detail
        var run = "Run \(TextSafety.markdown(record.id)) of \(latest.date)"
        if let commit = record.git?.shortCommit { run += " · commit \(TextSafety.markdown(commit))" }
        if let branch = record.git?.branch { run += " on \(TextSafety.markdown(branch))" }
        run += " · \(TextSafety.markdown(record.buildConfiguration)) build · isolation \(record.isolation ? "on" : "off")"
        document.runLine = run
        if let baseline = index.comparison?.baseline {
            let commit = baseline.git?.shortCommit.map { " (\(TextSafety.markdown($0)))" } ?? ""
            document.baselineText = "Compared with run \(TextSafety.markdown(baseline.id))\(commit) of \(ReportFormat.date(baseline.startedAt))."
        } else {
            document.baselineText = "No earlier run to compare with."
        }
        document.caveat = index.comparison?.caveat.map(TextSafety.markdown)
        let ranked = status.ranked
        document.problems = ranked.filter(\.isProblem).map(line)
        document.hasProblems = !document.problems.isEmpty
        document.lines = status.items.map(line)
        document.hasLines = !document.lines.isEmpty
        document.allTitle = "All \(status.items.count) benchmark\(status.items.count == 1 ? "" : "s")"
        return document
    }

    /// The seed's line, then what the comparison and the trend say about it.
    private func line(_ item: SuiteStatus.Item) -> String {
        var text = TextSafety.markdown(ResultLine.format(item.result))
        if let comparison = item.comparison {
            switch comparison.verdict {
            case .regression, .improvement, .noisy:
                if let percent = comparison.time.changePercent {
                    text += " — \(ReportFormat.verdictIcon(comparison.verdict)) \(UnitFormat.percent(percent)) \(ReportFormat.verdictWord(comparison.verdict))"
                }
            case .new:
                text += " — 🆕 new"
            case .unchanged, .removed, .failed:
                break
            }
        }
        if let step = item.latestStep {
            text += " — 📈 step \(UnitFormat.percent(step.stepPercent)) at this run"
        }
        return text
    }
}

import BenchAnalysis
import BenchModel

/// Builds summary.md for a pull-request comment: a headline that agrees with the table under
/// it, a GFM table of the problems only (worst group first, each group capped), the full table
/// in `<details>`, and never more than GitHub's comment limit.
struct SummaryBuilder {
    /// GitHub refuses comments longer than 65 536 characters. Counting UTF-8 bytes (always at
    /// least the character count) keeps us under it whatever GitHub counts.
    static let limit = 65_536
    /// Rows per problem group before "+N more": a wall of 200 over-target rows must not push
    /// the failures out of sight.
    static let groupCap = 10
    /// Longest text of one table cell or warning; keeps a hostile benchmark name from
    /// filling the comment on its own.
    static let cellLimit = 300
    static let warningLimit = 10

    let index: HistoryIndex
    let status: SuiteStatus
    let options: ReportOptions

    func render(with templates: TemplateSet) -> String {
        var document = build()
        var text = templates.render("summary", document)
        var problems = document.problemRows
        var unsettled = document.unsettledRows
        var rows = document.allRows
        let totalRows = problems.count + unsettled.count + rows.count
        // Drop rows from the end (the full table first, then the changes that never gate, then the
        // least bad problems) until it fits.
        while text.utf8.count > Self.limit, !(problems.isEmpty && unsettled.isEmpty && rows.isEmpty) {
            var excess = text.utf8.count - Self.limit + 600
            while excess > 0, !rows.isEmpty { excess -= rows.removeLast().utf8.count + 1 }
            while excess > 0, !unsettled.isEmpty { excess -= unsettled.removeLast().utf8.count + 1 }
            while excess > 0, !problems.isEmpty { excess -= problems.removeLast().utf8.count + 1 }
            let left = totalRows - problems.count - unsettled.count - rows.count
            document.problemRows = problems
            document.hasProblems = !problems.isEmpty
            document.unsettledRows = unsettled
            document.hasUnsettled = !unsettled.isEmpty
            document.allRows = rows
            document.hasAllRows = !rows.isEmpty
            var note = "\(left) of \(totalRows) table rows were left out to stay within GitHub's 65 536-character comment limit."
            if let url = fullReportURL {
                note += " The full report is at \(TextSafety.markdown(url))."
            } else {
                note += " The full report is in index.html and junit.xml next to this file."
            }
            document.omitted = note
            text = templates.render("summary", document)
        }
        // Only a template override can still be too long here: cut it rather than have GitHub refuse it.
        if text.utf8.count > Self.limit {
            var cut = Substring(text)
            while cut.utf8.count > Self.limit - 80 { cut = cut.dropLast(max(1, (cut.utf8.count - Self.limit + 80) / 4)) }
            text = String(cut) + "\n\n_The summary was cut to fit GitHub's comment limit._\n"
        }
        return text
    }

    private var fullReportURL: String? { options.fullReportURL ?? index.links.dashboard }

    func build() -> SummaryDocument {
        let title = Self.cell(options.title)
        let warnings = index.warnings.prefix(Self.warningLimit).map(Self.cell)
            + (index.warnings.count > Self.warningLimit ? ["+\(index.warnings.count - Self.warningLimit) more skipped files"] : [])
        var document = SummaryDocument(
            title: title, hasRuns: false, icon: "ℹ️", headline: "No benchmark runs recorded yet", detail: "",
            runLine: "", baselineText: "", caveat: nil, warnings: warnings, problemsTitle: "", problemRows: [],
            hasProblems: false, allTitle: "", allRows: [], hasAllRows: false, omitted: nil,
            reportLink: fullReportURL.map(TextSafety.markdown))
        guard let latest = index.runs.last else { return document }
        let record = latest.record
        document.hasRuns = true
        document.icon = status.icon
        document.headline = status.headline
        document.detail = status.detail
        var run = "Run \(Self.cell(record.id)) of \(latest.date)"
        if let commit = record.git?.commit { run += " · commit \(commitText(commit))" }
        if let branch = record.git?.branch { run += " on \(Self.cell(branch))" }
        run += " · \(Self.cell(record.buildConfiguration)) build · isolation \(record.isolation ? "on" : "off")"
        document.runLine = run
        if let ab = index.comparison?.judgedAB {
            // Said first: the strongest comparison there is, base and head on one machine in one job.
            document.baselineText = Self.cell(ABLine.sentence(ab)) + " The base and head builds ran alternately on this machine."
        } else if let baseline = index.comparison?.baseline {
            let commit = baseline.git?.commit.map { " (\(commitText($0)))" } ?? ""
            document.baselineText = "Compared with run \(Self.cell(baseline.id))\(commit) of \(ReportFormat.date(baseline.startedAt))."
        } else {
            document.baselineText = "No earlier run to compare with."
        }
        document.caveat = index.comparison?.caveat.map(Self.cell)

        var problemRows: [String] = []
        var problemCount = 0
        for problem in SuiteStatus.Problem.allCases {
            let members = status.items.filter { $0.problem == problem }
            problemCount += members.count
            problemRows += members.prefix(Self.groupCap).map(row)
            if members.count > Self.groupCap {
                problemRows.append("| _+\(problem.more(members.count - Self.groupCap))_ | | | | |")
            }
        }
        document.problemRows = problemRows
        document.hasProblems = !problemRows.isEmpty
        document.problemsTitle = "Needs attention (\(problemCount))"
        // Changes that never gate, apart from the problems so none of them reads as a failure.
        let unsettled = status.items.filter(\.isUnsettled)
        document.unsettledRows = unsettled.prefix(Self.groupCap).map(row)
            + (unsettled.count > Self.groupCap ? ["| _+\(unsettled.count - Self.groupCap) more_ | | | | |"] : [])
        document.hasUnsettled = !unsettled.isEmpty
        document.unsettledTitle = "Not confirmed, never gating (\(unsettled.count))"
        if !unsettled.isEmpty || status.noisy > 0 || status.cannotGate > 0 {
            document.footnote = Self.footnote
        }
        document.allRows = status.items.map(row)
        document.hasAllRows = !document.allRows.isEmpty
        // "All 1 benchmark" reads wrong: one benchmark is just that.
        document.allTitle = status.items.count == 1 ? "The benchmark" : "All \(UnitFormat.count(status.items.count, "benchmark"))"
        return document
    }

    /// `| Benchmark | Baseline | Current | Change | Verdict |`
    private func row(_ item: SuiteStatus.Item) -> String {
        let result = item.result
        var name = Self.cell(result.name)
        if let slug = index.slugs[result.name], let page = index.links.benchmarkPage(slug: slug) {
            name = "[\(name)](\(page))"
        }
        // The headline metric: instruction counts for a benchmark that counts them, else time.
        let comparison = item.comparison
        let headline = comparison?.headline
        let baseline = headline?.baseline.map { comparison?.formatHeadline($0) ?? "–" } ?? "–"
        // The comparison's own figures, so baseline, current and change agree with each other.
        var current = headline?.current.map { comparison?.formatHeadline($0) ?? "–" } ?? ReportFormat.median(result)
        if let scaling = ProcessFigures.scalingNote(result), current != "–" { current += " " + scaling }
        let change = headline?.changePercent.map(UnitFormat.percent) ?? "–"
        return "| \(name) | \(baseline) | \(current) | \(change) | \(verdictCell(item)) |"
    }

    /// The verdict in words; a problem row never carries ✅, and a change that never gates
    /// (unconfirmed, noisy, informational) never carries 🔺.
    private func verdictCell(_ item: SuiteStatus.Item) -> String {
        let result = item.result
        let comparison = item.comparison
        let note = comparison?.headline.note.map { ": " + Self.cell($0) } ?? ""
        var text: String
        switch item.problem {
        case .failure:
            text = Self.cell(ResultLine.failureText(result))
        case .regression:
            text = "🔺 slower" + note
        case .overTarget:
            text = "❌ over target " + (result.targetNs.map { UnitFormat.duration(ns: Double($0)) } ?? "")
            if let verdict = comparison?.verdict, verdict != .unchanged, verdict != .new {
                text += " · " + Self.verdictText(verdict, note: note, informational: comparison?.informational ?? false)
            }
        case nil:
            switch comparison?.verdict {
            case .unchanged?: text = "✅ unchanged"
            case .failed?: text = "✅ fixed (failed in the baseline)"
            case .removed?, nil: text = "✅ passed"
            case let verdict?: text = Self.verdictText(verdict, note: note, informational: comparison?.informational ?? false)
            }
        }
        if let gate = Detectability.text(detectablePercent: comparison?.headline.detectablePercent, threshold: item.threshold),
            let detectable = comparison?.headline.detectablePercent, !SuiteStatus.canGate(detectable, item.threshold)
        {
            text += " · ⚠️ " + gate
        }
        if let step = item.recentStep {
            let when = item.stepRunsAgo == 0 ? "at this run" : "\(UnitFormat.count(item.stepRunsAgo, "run")) ago"
            text += " · 📈 step \(UnitFormat.percent(step.stepPercent)) \(when)"
        }
        return text
    }

    /// A verdict that is not a problem, with its reason (`note` is ": …" or empty).
    private static func verdictText(_ verdict: Verdict, note: String, informational: Bool) -> String {
        switch verdict {
        case .regression where informational: "ℹ️ slower, informational (never gates)" + note
        case .improvement where informational: "ℹ️ faster, informational (never gates)" + note
        case .regression: "🔺 slower" + note
        case .improvement: "🔻 faster" + note
        case .noisy: "〰️ noisy, never gates" + note
        case .unconfirmed: "❔ unconfirmed, never gates" + note
        case .new: "🆕 new"
        case .unchanged: "✅ unchanged"
        case .removed: "removed"
        case .failed: "✅ fixed (failed in the baseline)"
        }
    }

    /// What unconfirmed and the detectable change mean, under the tables.
    static let footnote =
        "❔ **unconfirmed**: a change the evidence cannot confirm yet (a first run, a single process, too few earlier runs, "
        + "or a change within the benchmark's own run-to-run spread); it never fails the check. **detects ≥ x%**: the "
        + "smallest change a benchmark can detect (at 80 % power) from the spread of its processes and recent runs; "
        + "below its threshold it cannot gate. Both are explained in benchboard's docs/verdicts.md."

    /// A commit as a link to the repository when `repository_url` is set, else the short id.
    private func commitText(_ sha: String) -> String {
        let short = Self.cell(String(sha.prefix(7)))
        guard let href = index.links.commit(sha) else { return short }
        return "[\(short)](\(href))"
    }

    /// One table cell: Markdown-escaped, one line, at most `cellLimit` characters.
    static func cell(_ text: String) -> String {
        let line = text.count > cellLimit ? String(text.prefix(cellLimit - 1)) + "…" : text
        return TextSafety.markdown(line)
    }
}

import BenchModel

struct RunsPageBuilder {
    let index: HistoryIndex
    let options: ReportOptions

    func build() -> RunsPage {
        let title = TextSafety.line(options.title)
        let lastIndex = index.runs.count - 1
        let rows = index.runs.enumerated().reversed().map { offset, run in
            let record = run.record
            let counts = OutcomeCounts(record.benchmarks)
            let seconds = record.finishedAt.timeIntervalSince(record.startedAt)
            var row = RunListRowView(
                runDate: run.date, runID: TextSafety.line(record.id), runCommit: run.shortCommit, runCommitHref: run.commitHref, runSubject: run.subject,
                runBranch: run.branch, dirty: record.git?.dirty ?? false, passed: "\(counts.passed)/\(counts.total)",
                failed: "\(counts.notPassed)", failedClass: counts.notPassed > 0 ? "bad" : "muted", isolation: record.isolation ? "on" : "off",
                build: TextSafety.line(record.buildConfiguration),
                duration: Self.duration(seconds), jsonHref: run.jsonHref,
                isLatest: offset == lastIndex)
            row.slow = "\(counts.slow)"
            row.slowClass = counts.slow > 0 ? "warn" : "muted"
            row.abText = record.ab.map { TextSafety.line("A/B against " + ABLine.label($0)) }
            return row
        }
        return RunsPage(
            title: title, pageTitle: "Runs · \(title)", root: "", warnings: index.warnings, hasWarnings: !index.warnings.isEmpty, hasRuns: !rows.isEmpty,
            runs: rows)
    }

    /// "42.0 s", "3 min 12 s"
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "–" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}

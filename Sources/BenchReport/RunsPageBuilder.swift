import BenchModel

/// Builds runs.html (the newest runs) and the quarters' run lists of `RunArchive`, from one row
/// builder, so a run reads alike in both.
struct RunsPageBuilder {
    let index: HistoryIndex
    let options: ReportOptions

    func build() -> RunsPage {
        let title = TextSafety.line(options.title)
        let total = index.runs.count
        let shown = max(0, min(total, options.runTableLimit))
        let rows = (total - shown..<total).reversed().map { row($0, root: "") }
        let links = index.archivePeriods.map { period in
            ArchiveLinkView(
                text: period, href: RunArchive.href(period: period),
                dataHref: RunArchive.folder + "/" + RunArchive.dataName(period: period))
        }
        var runsText = "\(UnitFormat.count(total, "run")), newest first"
        if shown < total { runsText = "the newest \(shown) of \(total) runs; every run is listed by quarter below" }
        return RunsPage(
            title: title, pageTitle: "Runs · \(title)", root: "", warnings: index.warnings, hasWarnings: !index.warnings.isEmpty,
            hasRuns: total > 0, runs: rows, runsText: runsText, archiveLinks: links, hasArchive: !links.isEmpty)
    }

    /// The run lists of the quarters `periods` (of `RunArchive.periods`), in their order: every
    /// run of the quarter, newest first, also those runs.html still lists.
    func archives(of periods: [String]) -> [(period: String, page: ArchivePage)] {
        guard !periods.isEmpty else { return [] }
        let wanted = Set(periods)
        var members: [String: [Int]] = [:]
        for (offset, run) in index.runs.enumerated() where wanted.contains(run.period) {
            members[run.period, default: []].append(offset)
        }
        let title = TextSafety.line(options.title)
        return periods.map { period in
            let rows = (members[period] ?? []).reversed().map { row($0, root: "../") }
            let page = ArchivePage(
                title: title, pageTitle: "Runs · \(period) · \(title)", root: "../", period: period,
                runsText: UnitFormat.count(rows.count, "run") + " started in \(period) (UTC), newest first",
                dataHref: RunArchive.dataName(period: period), runs: rows)
            return (period, page)
        }
    }

    /// Run `offset` of the history as a row; `root` leads from the page back to the output folder.
    /// An archive row holds nothing that changes after its quarter (no "latest" badge).
    private func row(_ offset: Int, root: String) -> RunListRowView {
        let run = index.runs[offset]
        let record = run.record
        let counts = OutcomeCounts(run.digests)
        let seconds = record.finishedAt.timeIntervalSince(record.startedAt)
        var row = RunListRowView(
            anchor: run.anchor, runDate: run.date, runID: TextSafety.line(record.id), runCommit: run.shortCommit,
            runCommitHref: run.commitHref, runSubject: run.subject, runBranch: run.branch, dirty: record.git?.dirty ?? false,
            passed: "\(counts.passed)/\(counts.total)", failed: "\(counts.notPassed)",
            failedClass: counts.notPassed > 0 ? "bad" : "muted", isolation: record.isolation ? "on" : "off",
            build: TextSafety.line(record.buildConfiguration), duration: Self.duration(seconds),
            jsonHref: run.jsonHref.map { root + $0 }, isLatest: root.isEmpty && offset == index.runs.count - 1)
        row.slow = "\(counts.slow)"
        row.slowClass = counts.slow > 0 ? "warn" : "muted"
        row.abText = record.ab.map { TextSafety.line("A/B against " + ABLine.label($0)) }
        return row
    }

    /// "42.0 s", "3 min 12 s"
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "–" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}

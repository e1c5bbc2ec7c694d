import BenchModel

/// Builds the archive pages of one benchmark: the runs `RunArchive.archived` leaves out of its
/// page's table, one page per month, newest run first.
struct ArchivePageBuilder {
    let index: HistoryIndex
    let options: ReportOptions

    /// The months with archived runs, oldest first, each with its page.
    func build(name: String) -> [(period: String, page: ArchivePage)] {
        let entries = RunArchive.archived(index.series[name] ?? [], tableLimit: options.runTableLimit)
        guard !entries.isEmpty else { return [] }
        var order: [String] = []
        var byPeriod: [String: [HistoryIndex.Entry]] = [:]
        for entry in entries {
            let period = index.runs[entry.runIndex].period
            if byPeriod[period] == nil { order.append(period) }
            byPeriod[period, default: []].append(entry)
        }
        let safeName = TextSafety.line(name)
        let title = TextSafety.line(options.title)
        let slug = index.slugs[name] ?? "benchmark"
        return order.sorted().map { period in
            let members = byPeriod[period] ?? []
            let rows = members.reversed().map(row)
            let page = ArchivePage(
                title: title, pageTitle: "\(safeName) · \(period) · \(title)", root: "../../../", name: safeName,
                benchmarkHref: "../../\(slug).html", period: period,
                runsText: UnitFormat.count(rows.count, "run") + " in \(period) (UTC), newest first", rows: rows)
            return (period, page)
        }
    }

    private func row(_ entry: HistoryIndex.Entry) -> ArchiveRowView {
        let run = index.runs[entry.runIndex]
        let result = entry.result
        let ok = result.outcome.isSuccess
        return ArchiveRowView(
            anchor: run.anchor, date: String(ReportFormat.day(run.record.startedAt).dropFirst(5)) + " " + ReportFormat.time(run.record.startedAt),
            commit: run.shortCommit, commitHref: run.commitHref,
            outcomeClass: ok ? nil : ReportFormat.outcomeClass(result.outcome),
            median: ok ? ReportFormat.median(result) : ReportFormat.outcomeWord(result.outcome))
    }
}

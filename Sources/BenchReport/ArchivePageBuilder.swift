import BenchModel

/// Builds the archive pages of one benchmark: the runs `RunArchive.archived` leaves out of its
/// page's table, one page per month, newest run first.
struct ArchivePageBuilder {
    let index: HistoryIndex
    let options: ReportOptions

    /// The months with archived runs, oldest first, each with its page.
    func build(name: String) -> [(period: String, page: ArchivePage)] {
        periods(name: name).map { ($0.period, page(name: name, period: $0.period, members: $0.members)) }
    }

    /// The months with archived runs, oldest first, each with the runs its page lists, oldest
    /// first: a page is made of these alone (and the settings), so a report that knows they did
    /// not change need not build or render it (`PageCache`).
    func periods(name: String) -> [(period: String, members: [HistoryIndex.Entry])] {
        let entries = RunArchive.archived(index.series[name] ?? [], tableLimit: options.runTableLimit)
        guard !entries.isEmpty else { return [] }
        var order: [String] = []
        var byPeriod: [String: [HistoryIndex.Entry]] = [:]
        for entry in entries {
            let period = index.runs[entry.runIndex].period
            if byPeriod[period] == nil { order.append(period) }
            byPeriod[period, default: []].append(entry)
        }
        return order.sorted().map { ($0, byPeriod[$0] ?? []) }
    }

    /// One month's page of `periods(name:)`.
    func page(name: String, period: String, members: [HistoryIndex.Entry]) -> ArchivePage {
        let safeName = TextSafety.line(name)
        let title = TextSafety.line(options.title)
        let slug = index.slugs[name] ?? "benchmark"
        let rows = members.reversed().map(row)
        return ArchivePage(
            title: title, pageTitle: "\(safeName) · \(period) · \(title)", root: "../../../", name: safeName,
            benchmarkHref: "../../\(slug).html", period: period,
            runsText: UnitFormat.count(rows.count, "run") + " in \(period) (UTC), newest first", rows: rows)
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

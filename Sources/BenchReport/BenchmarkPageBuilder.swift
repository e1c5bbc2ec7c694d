import BenchAnalysis
import BenchModel

/// Builds one benchmark page's view model: the charts, the facts, the step changes and the run
/// table, each in a step of its own.
struct BenchmarkPageBuilder {
    let index: HistoryIndex
    let options: ReportOptions

    func build(name: String) -> BenchmarkPage {
        let entries = index.series[name] ?? []
        let trend = index.reportedTrend(of: name)
        let latest = entries.last?.result
        let safeName = TextSafety.line(name)
        let (charts, zoomLinks) = self.charts(trend, targetNs: latest?.targetNs)
        let steps = stepRows(name: name, trend: trend, entries: entries)
        let (rows, runsText) = runTable(name: name, trend: trend, entries: entries)
        let title = TextSafety.line(options.title)
        var page = BenchmarkPage(
            title: title, pageTitle: "\(safeName) · \(title)", root: "../", name: safeName,
            groupName: TextSafety.line(latest?.group ?? ""),
            latestLine: latest.map { TextSafety.line(ResultLine.format($0)) } ?? "",
            latestClass: latest.map { ReportFormat.outcomeClass($0.outcome) } ?? "muted",
            facts: facts(entries: entries), failure: latest.flatMap(FailureView.init),
            zoomLinks: zoomLinks, charts: charts, hasTarget: latest?.targetNs != nil && trend.metric == .time, steps: steps,
            hasSteps: !steps.isEmpty, runRows: rows, runsText: runsText)
        page.machineSeries = MachineSeriesBuilder(runs: index.runs).series(of: entries, name: name)
        page.machineSeriesCount = UnitFormat.count(page.machineSeries.count, "machine")
        page.hasMachineSeries = !page.machineSeries.isEmpty
        return page
    }

    /// The trend chart over the whole history and one per zoom window, with the links between them.
    private func charts(_ trend: Trend, targetNs: Int64?) -> ([TrendChartView], [ZoomLinkView]) {
        let chart = ChartBuilder(runs: index.runs)
        let windows = options.zoomWindows.filter { $0 > 0 && $0 < trend.points.count }.sorted()
        // Smaller windows first in the markup: the CSS shows the targeted one, else the last (default).
        var charts = windows.map { chart.chart(trend, window: $0, targetNs: targetNs, isDefault: false) }
        charts.append(chart.chart(trend, window: nil, targetNs: targetNs, isDefault: true))
        let zoomLinks = [ZoomLinkView(href: "#all", text: "All \(UnitFormat.count(trend.points.count, "run"))")]
            + windows.reversed().map { ZoomLinkView(href: "#last-\($0)", text: "Last \($0)") }
        return (charts, zoomLinks)
    }

    /// The facts box: how the newest result was measured, and how many runs there are.
    private func facts(entries: [HistoryIndex.Entry]) -> [FactView] {
        var facts: [FactView] = []
        if let last = entries.last {
            let latest = last.result
            facts.append(FactView(label: "Kind", value: latest.kind.rawValue))
            facts.append(FactView(label: "Mode", value: latest.mode.rawValue))
            if latest.metric == .instructions {
                facts.append(FactView(label: "Metric", value: "instructions per iteration, counted under valgrind"))
                facts.append(
                    FactView(label: "Wall time", value: "measured under valgrind, so inflated many times; compare counts, not times"))
            }
            if let format = index.runs[last.runIndex].record.source?.format {
                facts.append(FactView(label: "Imported from", value: TextSafety.line(format)))
            }
            if let target = latest.targetNs { facts.append(FactView(label: "Target", value: UnitFormat.duration(ns: Double(target)))) }
            // Imported results record no timeout of ours (0).
            if latest.timeoutMs > 0 { facts.append(FactView(label: "Timeout", value: "\(latest.timeoutMs) ms")) }
            facts.append(FactView(label: "Samples", value: "\(latest.samplesNs.count) (+\(latest.warmup) warm-up)"))
        }
        let failed = entries.filter { !$0.result.outcome.isSuccess }.count
        facts.append(FactView(label: "Runs", value: "\(entries.count)" + (failed > 0 ? ", \(failed) not successful" : "")))
        return facts
    }

    /// Confirmed steps at or beyond the threshold, newest first (smaller ones are not reported
    /// anywhere), and before them a jump at the newest run, which the detector cannot confirm until
    /// more runs follow it, as that run's verdict.
    private func stepRows(name: String, trend: Trend, entries: [HistoryIndex.Entry]) -> [StepRowView] {
        var steps = (index.steps[name] ?? []).reversed().map { change in
            let run = change.pointIndex < trend.points.count ? trend.points[change.pointIndex].runIndex : nil
            let info = run.flatMap { $0 < index.runs.count ? index.runs[$0] : nil }
            return StepRowView(
                stepDate: info?.date ?? "–",
                stepCommit: info?.shortCommit ?? TextSafety.line(change.commit.map { String($0.prefix(7)) } ?? change.runID),
                stepCommitHref: info?.commitHref,
                before: trend.format(change.beforeNs), after: trend.format(change.afterNs),
                stepPercent: UnitFormat.percent(change.stepPercent), stepClass: change.stepPercent > 0 ? "bad" : "good",
                stepNote: nil)
        }
        if let pending = pendingJump(name: name, entries: entries) { steps.insert(pending, at: 0) }
        return steps
    }

    /// The run table, newest first, and the sentence above it. Only the newest rows are listed;
    /// the change column still compares with the run before the first one listed.
    private func runTable(name: String, trend: Trend, entries: [HistoryIndex.Entry]) -> ([RunRowView], String) {
        let shown = max(0, min(entries.count, options.runTableLimit))
        let firstShown = entries.count - shown
        var previousMedian: Double? = firstShown > 0 ? Self.lastMedian(in: entries[..<firstShown], metric: trend.metric) : nil
        // The threshold the verdict uses, so a badge never flags a change the verdict accepts.
        let threshold = index.thresholds[name] ?? index.thresholdPolicy.time
        var rows: [RunRowView] = []
        rows.reserveCapacity(shown)
        for entry in entries[firstShown...] {
            let result = entry.result
            var change: BadgeView?
            if result.outcome.isSuccess, result.metric == trend.metric, let median = Self.median(of: result) {
                if let previousMedian, previousMedian > 0 {
                    change = Self.changeBadge(percent: (median - previousMedian) / previousMedian * 100, threshold: threshold)
                }
                previousMedian = median
            }
            rows.append(runRow(entry, change: change))
        }
        rows.reverse()
        var runsText = "\(UnitFormat.count(entries.count, "run")), newest first"
        if shown < entries.count {
            runsText = "the newest \(shown) of \(entries.count) runs; the chart covers all of them"
        }
        if entries.last?.result.metric == .instructions {
            runsText += "; medians are instruction counts, and 🕐 Total is wall time under valgrind, inflated"
        }
        return (rows, runsText)
    }

    /// A change against the run before, coloured when it reaches the benchmark's threshold.
    private static func changeBadge(percent: Double, threshold: Double) -> BadgeView {
        let beyond = percent != 0 && ThresholdPolicy.reaches(percent, threshold)
        let verdictClass = beyond ? (percent > 0 ? "bad" : "good") : "muted"
        return BadgeView(text: UnitFormat.percent(percent), badgeClass: verdictClass, hint: "Against the run before")
    }

    private func runRow(_ entry: HistoryIndex.Entry, change: BadgeView?) -> RunRowView {
        let result = entry.result
        let run = index.runs[entry.runIndex]
        return RunRowView(
            rowDate: run.date, rowCommit: run.shortCommit, rowCommitHref: run.commitHref, rowSubject: run.subject,
            rowJSON: run.jsonHref.map { "../" + $0 }, outcomeIcon: ResultLine.statusIcon(result),
            outcomeText: ReportFormat.outcomeWord(result.outcome), outcomeClass: ReportFormat.outcomeClass(result.outcome),
            rowMedian: ReportFormat.median(result), rowSpread: result.outcome.isSuccess ? ReportFormat.spread(result) : nil,
            rowMemory: ReportFormat.memory(result), rowMemoryDetail: ReportFormat.memoryDetail(result),
            rowCPU: ReportFormat.cpu(result), rowTotal: ReportFormat.total(result), rowChange: change)
    }
    /// The newest run's change against the baseline when its verdict is a regression or an
    /// improvement and no confirmed step starts there yet.
    private func pendingJump(name: String, entries: [HistoryIndex.Entry]) -> StepRowView? {
        guard let latest = entries.last, latest.runIndex == index.runs.count - 1,
            let comparison = index.comparison(of: name), comparison.verdict == .regression || comparison.verdict == .improvement,
            let percent = comparison.headline.changePercent, let before = comparison.headline.baseline,
            let after = comparison.headline.current
        else { return nil }
        let trend = index.trends[name]
        if let last = index.steps[name]?.last, let trend, last.pointIndex == trend.points.count - 1 { return nil }
        let run = index.runs[latest.runIndex]
        return StepRowView(
            stepDate: run.date, stepCommit: run.shortCommit, stepCommitHref: run.commitHref,
            before: comparison.formatHeadline(before), after: comparison.formatHeadline(after),
            stepPercent: UnitFormat.percent(percent), stepClass: percent > 0 ? "bad" : "good",
            stepNote: "latest run, \(ReportFormat.verdictWord(comparison.verdict)) than the baseline; not yet a confirmed step")
    }

    private static func lastMedian(in entries: ArraySlice<HistoryIndex.Entry>, metric: Metric) -> Double? {
        entries.last { $0.result.outcome.isSuccess && $0.result.metric == metric && median(of: $0.result) != nil }
            .flatMap { median(of: $0.result) }
    }

    /// The median in the result's own metric: nanoseconds, or instructions per iteration.
    private static func median(of result: BenchmarkResult) -> Double? {
        result.metric == .instructions ? result.medianInstructions : result.medianNs
    }
}

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
        let latest = entries.last.flatMap(index.result)
        let safeName = TextSafety.line(name)
        let (charts, zoomLinks) = self.charts(trend, targetNs: latest?.targetNs)
        let steps = stepRows(name: name, trend: trend, entries: entries)
        let (rows, runsText) = runTable(name: name, trend: trend, entries: entries)
        let archiveLinks = self.archiveLinks(entries: entries)
        let title = TextSafety.line(options.title)
        var page = BenchmarkPage(
            title: title, pageTitle: "\(safeName) · \(title)", root: "../", name: safeName,
            groupName: TextSafety.line(latest?.group ?? ""),
            latestLine: latest.map { TextSafety.line(ResultLine.format($0)) } ?? "",
            latestClass: latest.map { ReportFormat.outcomeClass($0.outcome) } ?? "muted",
            facts: facts(entries: entries), failure: latest.flatMap(FailureView.init),
            zoomLinks: zoomLinks, charts: charts, hasTarget: latest?.targetNs != nil && trend.metric == .time, steps: steps,
            hasSteps: !steps.isEmpty, runRows: rows, runsText: runsText, archiveLinks: archiveLinks,
            hasArchive: !archiveLinks.isEmpty)
        page.machineSeries = MachineSeriesBuilder(runs: index.runs, downsampling: ChartDownsampling(maxPoints: options.chartPointLimit))
            .series(of: entries, name: name)
        page.machineSeriesCount = UnitFormat.count(page.machineSeries.count, "machine")
        page.hasMachineSeries = !page.machineSeries.isEmpty
        if let latestEntry = entries.last, latestEntry.runIndex == index.runs.count - 1, let result = index.result(latestEntry) {
            latestEvidence(result, into: &page)
        }
        return page
    }

    /// The latest run's verdicts, processes and memory spread, when this benchmark is in it.
    private func latestEvidence(_ result: BenchmarkResult, into page: inout BenchmarkPage) {
        if let comparison = index.comparison(of: result.name) {
            page.verdicts = verdictRows(comparison)
            page.hasVerdicts = !page.verdicts.isEmpty
            if let ab = index.comparison?.judgedAB {
                page.verdictsText = TextSafety.line(ABLine.sentence(ab))
            } else if let baseline = index.comparison?.baseline {
                page.verdictsText = TextSafety.line(
                    "Against run \(baseline.id)\(baseline.git?.shortCommit.map { " (\($0))" } ?? "") of "
                        + ReportFormat.date(baseline.startedAt) + ".")
            }
            if comparison.informational { page.verdictsText += " Informational: shown, never gating." }
        }
        let processes = result.processRecords
        // One process made up for a result that recorded none says nothing a reader can use.
        if result.processes?.isEmpty == false {
            page.processes = processRows(result)
            page.hasProcesses = !page.processes.isEmpty
            let spread = index.comparison(of: result.name)?.headline.processSpreadPercent
                .map { ", spread ±" + ReportFormat.coordinate($0, keepZero: true) + "%" } ?? ""
            page.processesText = UnitFormat.count(processes.count, "process", plural: "processes") + spread
                + ", in the order they ran; a machine that was busy or had CPU stolen while one ran is marked"
        }
        if result.outcome.isSuccess, let range = ProcessFigures.memoryDisagreement(result, threshold: index.thresholdPolicy.memory) {
            page.memorySpreadText = "💾 The processes disagree on memory: "
                + ProcessFigures.memoryRangeText(range, processes: processes.count)
                + ". The run has no one memory figure, so its memory is shown as this spread, not as a change."
        }
    }

    /// One row per metric the comparison judged: the headline first, then memory and CPU.
    private func verdictRows(_ comparison: BenchmarkComparison) -> [VerdictRowView] {
        let threshold = index.thresholds[comparison.name] ?? index.thresholdPolicy.time
        var rows: [(String, MetricComparison, Double, (Double) -> String)] = []
        if let instructions = comparison.instructions, comparison.current?.metric == .instructions {
            rows.append(("Instructions", instructions, threshold, UnitFormat.instructions))
            rows.append(("Time", comparison.time, index.thresholdPolicy.time, { UnitFormat.duration(ns: $0) }))
        } else {
            rows.append(("Time", comparison.time, threshold, { UnitFormat.duration(ns: $0) }))
        }
        rows.append(("💾 Memory", comparison.memory, index.thresholdPolicy.memory, { $0 >= 0 && $0 < 1.8e19 ? UnitFormat.bytes(UInt64($0)) : "–" }))
        rows.append(("⏱️ CPU", comparison.cpu, index.thresholdPolicy.cpu, { UnitFormat.duration(ns: $0 * 1000) }))
        return rows.map { label, metric, threshold, format in
            var change = metric.changePercent.map(UnitFormat.percent) ?? "–"
            if let before = metric.baseline, let after = metric.current, before.isFinite, after.isFinite {
                change = "\(format(before)) → \(format(after)) (\(change))"
            }
            var note = metric.note.map(TextSafety.line)
            if metric.verdict == .unconfirmed, note == nil { note = "not confirmed by the evidence; never gates" }
            let informational = comparison.informational && (metric.verdict == .regression || metric.verdict == .improvement)
            return VerdictRowView(
                metric: label, change: change,
                verdict: BadgeView(
                    text: ReportFormat.verdictWord(metric.verdict) + (informational ? " (informational)" : ""),
                    badgeClass: informational ? "info" : ReportFormat.verdictClass(metric.verdict),
                    hint: metric.pValue.map(ReportFormat.pValue) ?? ""),
                note: note,
                detects: metric.detectablePercent == nil && metric.verdict == .new
                    ? nil : Detectability.badge(detectablePercent: metric.detectablePercent, threshold: threshold),
                processSpread: metric.processSpreadPercent.map { "±" + ReportFormat.coordinate($0, keepZero: true) + "%" } ?? "–")
        }
    }

    /// The processes of a result, each with its median and how far it lies from the others'.
    private func processRows(_ result: BenchmarkResult) -> [ProcessRowView] {
        let medians = ProcessFigures.medians(result)
        let center = Self.median(medians.compactMap { $0 })
        var rows: [ProcessRowView] = []
        for (process, median) in zip(result.processRecords, medians) {
            rows.append(Self.processRow(process, median: median, center: center, result: result))
        }
        return rows
    }

    private static func processRow(_ process: ProcessRecord, median: Double?, center: Double?, result: BenchmarkResult)
        -> ProcessRowView
    {
        var offset = "–"
        if let median, let center, center > 0 { offset = UnitFormat.percent((median - center) / center * 100) }
        var medianText = "–"
        if let median {
            medianText = result.metric == .instructions ? UnitFormat.instructions(median) : UnitFormat.duration(ns: median)
        }
        let stolen = (process.steal ?? 0) >= ProcessFigures.stealWarning
        let busy = (process.machineBusy ?? 0) >= ProcessFigures.busyWarning
        var samples = "\(process.samples)"
        if let spawns = process.spawns { samples += " (" + UnitFormat.count(spawns, "process", plural: "processes") + ")" }
        var cpu = "–"
        if let user = process.cpuUserUs, let system = process.cpuSystemUs { cpu = UnitFormat.duration(ns: (Double(user) + Double(system)) * 1000) }
        var memory = "–"
        if let bytes = ProcessFigures.memory(process, kind: result.kind) { memory = UnitFormat.bytes(bytes) }
        return ProcessRowView(
            round: "\(process.round)", samples: samples, median: medianText, offset: offset,
            outcomeIcon: process.outcome.isSuccess ? "✅" : "💥", outcomeText: ReportFormat.outcomeWord(process.outcome),
            outcomeClass: ReportFormat.outcomeClass(process.outcome), memory: memory, cpu: cpu,
            wall: UnitFormat.duration(ns: process.wallMs * 1_000_000),
            busy: process.machineBusy.map(ProcessFigures.share) ?? "–", steal: process.steal.map(ProcessFigures.share) ?? "–",
            rowClass: stolen || busy ? "busy" : "",
            busyHint: stolen || busy
                ? "The machine was busy with other work while this process ran: its time may be slower for that" : "")
    }

    private static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The trend chart over the whole history and one per zoom window, with the links between them.
    private func charts(_ trend: Trend, targetNs: Int64?) -> ([TrendChartView], [ZoomLinkView]) {
        let chart = ChartBuilder(runs: index.runs, downsampling: ChartDownsampling(maxPoints: options.chartPointLimit))
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
        if let last = entries.last, let latest = index.result(last) {
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
            if let processes = latest.processes, !processes.isEmpty {
                let each = latest.kind == .swift ? "one process each" : "one process per iteration"
                facts.append(FactView(label: "Rounds", value: "\(processes.count), \(each)"))
            }
            if let batch = latest.batchSize, batch > 1 {
                facts.append(FactView(label: "Batch size", value: "\(batch) iterations per sample; times are per iteration"))
            }
            if let scaling = ProcessFigures.scalingNote(latest) {
                facts.append(FactView(label: "Times", value: scaling))
            }
            if let clock = index.runs[last.runIndex].record.clockCostNs, clock.isFinite, clock >= 0 {
                facts.append(FactView(label: "Clock cost", value: UnitFormat.duration(ns: clock) + " per reading"))
            }
            if latest.config?.informational == true {
                facts.append(FactView(label: "Gates", value: "never: informational"))
            }
        }
        // Counted in place: filtering would copy every entry of a long series.
        var failed = 0
        for entry in entries where !index.outcome(entry).isSuccess { failed += 1 }
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
            var row = StepRowView(
                stepDate: info?.date ?? "–",
                stepCommit: info?.shortCommit ?? TextSafety.line(change.commit.map { String($0.prefix(7)) } ?? change.runID),
                stepCommitHref: info?.commitHref,
                before: trend.format(change.beforeNs), after: trend.format(change.afterNs),
                stepPercent: UnitFormat.percent(change.stepPercent), stepClass: change.stepPercent > 0 ? "bad" : "good",
                stepNote: nil)
            row.stepHref = run.flatMap { runHref(runIndex: $0, name: name, entries: entries) }
            return row
        }
        if var pending = pendingJump(name: name, entries: entries) {
            pending.stepHref = entries.last.flatMap { runHref(runIndex: $0.runIndex, name: name, entries: entries) }
            steps.insert(pending, at: 0)
        }
        return steps
    }

    /// Where a run of this benchmark is listed: its row in the table ("#run-…"), else its row in
    /// runs.html or, once it has left that too, in its quarter's archive. By run id, so it holds
    /// wherever the run is stored.
    private func runHref(runIndex: Int, name: String, entries: [HistoryIndex.Entry]) -> String? {
        guard runIndex >= 0, runIndex < index.runs.count else { return nil }
        let run = index.runs[runIndex]
        let archived = RunArchive.archived(entries, tableLimit: options.runTableLimit)
        guard let lastArchived = archived.last, runIndex <= lastArchived.runIndex else { return "#" + run.anchor }
        let listed = RunArchive.archived(index.runs, tableLimit: options.runTableLimit).count <= runIndex
        return (listed ? "../runs.html" : "../" + RunArchive.href(period: run.period)) + "#" + run.anchor
    }

    /// The quarters of runs the table no longer lists, oldest first, each linking to its archive
    /// (the quarter's runs, and its CSV with this benchmark's medians).
    private func archiveLinks(entries: [HistoryIndex.Entry]) -> [ArchiveLinkView] {
        let older = RunArchive.archived(entries, tableLimit: options.runTableLimit)
        guard !older.isEmpty else { return [] }
        var wanted: Set<String> = []
        var last: String?
        // Runs are in order of time, so a quarter's runs follow each other: each is hashed once.
        for entry in older where index.runs[entry.runIndex].period != last {
            last = index.runs[entry.runIndex].period
            wanted.insert(index.runs[entry.runIndex].period)
        }
        // Only quarters that have an archive: a run still on runs.html may have none yet.
        return index.archivePeriods.filter(wanted.contains).map { period in
            ArchiveLinkView(
                text: period, href: "../" + RunArchive.href(period: period),
                dataHref: "../" + RunArchive.folder + "/" + RunArchive.dataName(period: period))
        }
    }

    /// The run table, newest first, and the sentence above it. Only the newest rows are listed;
    /// the change column still compares with the run before the first one listed.
    private func runTable(name: String, trend: Trend, entries: [HistoryIndex.Entry]) -> ([RunRowView], String) {
        let shown = max(0, min(entries.count, options.runTableLimit))
        let firstShown = entries.count - shown
        var previousMedian: Double? = firstShown > 0 ? lastMedian(in: entries[..<firstShown], metric: trend.metric) : nil
        // The threshold the verdict uses, so a badge never flags a change the verdict accepts.
        let threshold = index.thresholds[name] ?? index.thresholdPolicy.time
        var rows: [RunRowView] = []
        rows.reserveCapacity(shown)
        for entry in entries[firstShown...] {
            // Every run a table lists is complete (`ReportInput.runsShownInFull`).
            guard let result = index.result(entry) else { continue }
            var change: BadgeView?
            if result.outcome.isSuccess, result.metric == trend.metric, let median = Self.median(of: result) {
                if let previousMedian, previousMedian > 0 {
                    change = Self.changeBadge(percent: (median - previousMedian) / previousMedian * 100, threshold: threshold)
                }
                previousMedian = median
            }
            rows.append(runRow(entry, result, change: change))
        }
        rows.reverse()
        var runsText = "\(UnitFormat.count(entries.count, "run")), newest first"
        if shown < entries.count {
            runsText = "the newest \(shown) of \(entries.count) runs; the chart covers all of them, and older runs are listed by quarter below"
        }
        if let last = entries.last, index.digest(last).metric == .instructions {
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

    private func runRow(_ entry: HistoryIndex.Entry, _ result: BenchmarkResult, change: BadgeView?) -> RunRowView {
        let run = index.runs[entry.runIndex]
        return RunRowView(
            rowAnchor: run.anchor, rowDate: run.date, rowCommit: run.shortCommit, rowCommitHref: run.commitHref, rowSubject: run.subject,
            rowJSON: run.jsonHref.map { "../" + $0 }, outcomeIcon: ResultLine.statusIcon(result),
            outcomeText: ReportFormat.outcomeWord(result.outcome), outcomeClass: ReportFormat.outcomeClass(result.outcome),
            rowMedian: ReportFormat.median(result), rowSpread: result.outcome.isSuccess ? ReportFormat.spread(result) : nil,
            rowMemory: ReportFormat.memory(result), rowMemoryDetail: ReportFormat.memoryDetail(result),
            rowCPU: ReportFormat.cpu(result), rowTotal: ReportFormat.total(result), rowChange: change,
            rowMedianNote: result.outcome.isSuccess ? ProcessFigures.scalingNote(result) : nil)
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

    /// The median of the newest successful entry in `metric`, from the digests: the runs before
    /// the table need not be complete.
    private func lastMedian(in entries: ArraySlice<HistoryIndex.Entry>, metric: Metric) -> Double? {
        for entry in entries.reversed() {
            let digest = index.digest(entry)
            if digest.outcome.isSuccess, digest.metric == metric, let median = digest.median { return median }
        }
        return nil
    }

    /// The median in the result's own metric: nanoseconds, or instructions per iteration.
    private static func median(of result: BenchmarkResult) -> Double? {
        result.metric == .instructions ? result.medianInstructions : result.medianNs
    }
}

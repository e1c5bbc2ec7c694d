import BenchAnalysis
import BenchModel

/// The machine views: which machines the history holds (dashboard), and each machine's own
/// series of one benchmark (benchmark pages), so numbers from different machines are never
/// read as one line.
struct MachineSeriesBuilder {
    let runs: [HistoryIndex.RunInfo]
    /// Long series are drawn as the main chart's are (`ChartDownsampling`).
    var downsampling = ChartDownsampling()

    /// Every machine of the history, in order of first appearance.
    func dashboardRows() -> [MachineRowView] {
        let catalog = MachineCatalog(runs.map(\.record))
        let latest = runs.last?.record.machine.fingerprint
        return catalog.machines.map { machine in
            let newest = machine.runIndices.last.map { runs[$0].date } ?? "–"
            let count = machine.runIndices.count
            return MachineRowView(
                machineAnchor: machine.anchor, machineName: MachineCatalog.name(machine),
                machineDetail: MachineCatalog.detail(machine), machineRuns: "\(count)", machineLatest: newest,
                isCurrent: machine.fingerprint == latest)
        }
    }

    /// One section per machine this benchmark ran on; empty when it ran on one machine only
    /// (the page's main chart is then that machine's series).
    func series(of entries: [HistoryIndex.Entry], name: String) -> [MachineSeriesView] {
        // Most histories are of one machine: tell that from the fingerprints the index has, without
        // copying every run of the series into a catalog.
        let first = entries.first.map { runs[$0.runIndex].machineNumber }
        guard entries.contains(where: { runs[$0.runIndex].machineNumber != first }) else { return [] }
        let catalog = MachineCatalog(entries.map { runs[$0.runIndex].record })
        guard catalog.machines.count > 1 else { return [] }
        return catalog.machines.map { machine in
            let own = machine.runIndices.map { entries[$0] }
            let count = own.count
            return MachineSeriesView(
                machineAnchor: machine.anchor, machineName: MachineCatalog.name(machine),
                machineDetail: MachineCatalog.detail(machine),
                machineRunsText: UnitFormat.count(count, "run"),
                chart: chart(own, name: name, machine: machine))
        }
    }

    /// Runs evenly spaced, oldest left; the y axis spans this machine's medians only.
    private func chart(_ all: [HistoryIndex.Entry], name: String, machine: MachineCatalog.Machine) -> MachineChartView {
        // As in the main chart: the newest run decides whether durations or instruction counts are drawn.
        let metric = all.last.map { $0.digest(in: runs).metric } ?? .time
        let entries = all.filter { $0.digest(in: runs).metric == metric }
        let width = 800.0
        let height = 180.0
        let left = 78.0
        let right = width - 12
        let top = 12.0
        let bottom = height - 30
        let medians = entries.map { entry -> Double? in
            let digest = entry.digest(in: runs)
            return digest.outcome.isSuccess ? digest.median : nil
        }
        let values = medians.compactMap { $0 }
        // The main chart's scale: round ticks, one unit, a flat series drawn flat.
        let scale = AxisScale(values: values, low: bottom, high: top, minimumSpan: 0.1, targetTicks: 3, metric: metric)
        func y(_ value: Double) -> Double { scale.y(value) }
        let step = entries.count > 1 ? (right - left - 8) / Double(entries.count - 1) : 0
        func x(_ index: Double) -> Double { entries.count > 1 ? left + 4 + index * step : (left + right) / 2 }

        let series = entries.enumerated().map { index, entry in
            TrendPoint(
                runIndex: entry.runIndex, stamp: runs[entry.runIndex].stamp, medianNs: medians[index], lowNs: nil, highNs: nil,
                outcome: entry.digest(in: runs).outcome)
        }
        var line: [String] = []
        var points: [MachinePointView] = []
        var whiskers: [WhiskerView] = []
        var failures: [MachinePointView] = []
        for slot in downsampling.slots(series, stepIndices: []) {
            let px = ReportFormat.coordinate(x(slot.position))
            let title = self.title(slot, entries: entries, metric: metric)
            if let median = slot.medianNs {
                let py = ReportFormat.coordinate(y(median))
                line.append("\(px),\(py)")
                points.append(MachinePointView(x: px, y: py, title: title))
                if slot.isBucket, let low = slot.minNs, let high = slot.maxNs, high > low {
                    whiskers.append(WhiskerView(x: px, top: ReportFormat.coordinate(y(high)), bottom: ReportFormat.coordinate(y(low))))
                }
            }
            if slot.failed > 0 {
                failures.append(MachinePointView(x: px, y: ReportFormat.coordinate(bottom - 6), title: title))
            }
        }
        let yTicks = scale.ticks.map {
            TickView(position: ReportFormat.coordinate(y($0)), text: "\(scale.label($0)) \(scale.unit)", anchor: "end")
        }
        var xTicks: [TickView] = []
        if let first = entries.first, let last = entries.last {
            xTicks.append(TickView(
                position: ReportFormat.coordinate(x(0)), text: ReportFormat.day(runs[first.runIndex].record.startedAt),
                anchor: entries.count == 1 ? "middle" : "start"))
            if entries.count > 1 {
                xTicks.append(TickView(
                    position: ReportFormat.coordinate(x(Double(entries.count - 1))),
                    text: ReportFormat.day(runs[last.runIndex].record.startedAt), anchor: "end"))
            }
        }
        let what = metric == .instructions ? "Median instructions per iteration" : "Median time"
        var description = "\(what) per run on \(MachineCatalog.name(machine)), oldest left, newest right"
        if let least = values.min(), let most = values.max() {
            description += ", from \(metric.format(least)) to \(metric.format(most))"
        }
        let failed = medians.lazy.filter { $0 == nil }.count
        if failed > 0 { description += "; \(failed) failed runs marked at the bottom" }
        return MachineChartView(
            chartID: "\(machine.anchor)-chart", chartTitle: TextSafety.line("\(name) on \(MachineCatalog.name(machine))"),
            chartDescription: TextSafety.line(description), width: "800", height: "180",
            plotLeft: ReportFormat.coordinate(left), plotRight: ReportFormat.coordinate(right),
            plotBottom: ReportFormat.coordinate(bottom), line: line.joined(separator: " "), hasLine: line.count > 1,
            whiskers: whiskers, yTicks: yTicks, xTicks: xTicks, points: points, failures: failures)
    }

    /// A run's hover title, or a bucket's: its dates, its run count and the range of its medians.
    private func title(_ slot: ChartDownsampling.Slot, entries: [HistoryIndex.Entry], metric: Metric) -> String {
        let first = runs[entries[slot.first].runIndex]
        guard slot.isBucket else {
            let value = slot.medianNs.map { metric.format($0) } ?? ReportFormat.outcomeWord(entries[slot.first].digest(in: runs).outcome)
            return TextSafety.line("\(first.date) · \(first.shortCommit) · \(first.record.machine.hostname) · \(value)")
        }
        var title = "\(first.date) to \(runs[entries[slot.last].runIndex].date) · \(UnitFormat.count(slot.count, "run"))"
        if let median = slot.medianNs, let low = slot.minNs, let high = slot.maxNs {
            title += " · median \(metric.format(median)), \(metric.format(low)) to \(metric.format(high))"
        }
        if slot.failed > 0 { title += " · \(slot.failed) not successful" }
        return title
    }
}

import BenchAnalysis
import BenchModel

/// Turns a benchmark's trend into chart geometry. Runs are spaced evenly (one slot per run
/// the benchmark took part in); values map to y through the one `AxisScale`.
struct ChartBuilder {
    let runs: [HistoryIndex.RunInfo]
    /// Which runs are drawn one by one and which as buckets (`ChartDownsampling` has the rule).
    var downsampling = ChartDownsampling()

    // MARK: Sparkline

    func sparkline(_ trend: Trend, window: Int) -> SparklineView {
        let width = 120.0
        let height = 28.0
        let start = max(0, trend.points.count - max(1, window))
        let points = Array(trend.points[start...])
        let values = points.compactMap(\.medianNs)
        let scale = AxisScale(values: values, low: height - 3, high: 3, minimumSpan: 0.2, metric: trend.metric)
        let step = points.count > 1 ? (width - 6) / Double(points.count - 1) : 0
        func x(_ i: Double) -> Double { points.count > 1 ? 3 + i * step : width / 2 }
        let stepIndices = trend.changePoints.filter { $0.pointIndex >= start }.map { $0.pointIndex - start }

        var line: [String] = []
        // Only the newest successful slot is marked, so only its title is made.
        var newest: (x: String, y: String, slot: ChartDownsampling.Slot)?
        var failures: [MarkView] = []
        for slot in downsampling.slots(points, stepIndices: stepIndices) {
            let px = ReportFormat.coordinate(x(slot.position))
            if let median = slot.medianNs {
                let py = ReportFormat.coordinate(scale.y(median))
                line.append("\(px),\(py)")
                newest = (px, py, slot)
            }
            if slot.failed > 0 {
                failures.append(MarkView(x: px, y: ReportFormat.coordinate(height - 3), title: slotTitle(slot, points, trend)))
            }
        }
        let last = newest.map { MarkView(x: $0.x, y: $0.y, title: slotTitle($0.slot, points, trend)) }
        let failedRuns = points.lazy.filter { $0.medianNs == nil }.count
        let steps = trend.changePoints.filter { $0.pointIndex >= start }.map { change in
            StepMarkView(
                x: ReportFormat.coordinate(x(Double(change.pointIndex - start))), stepTitle: stepTitle(change, trend),
                stepClass: change.stepPercent > 0 ? "bad" : "good")
        }
        var label = "No successful run in the last \(UnitFormat.count(points.count, "run"))"
        if let low = values.min(), let high = values.max() {
            label = "Median over the last \(UnitFormat.count(points.count, "run")): \(trend.format(low)) to \(trend.format(high))"
            if let latest = values.last { label += ", latest \(trend.format(latest))" }
        }
        if failedRuns > 0 { label += "; \(failedRuns) failed" }
        if !steps.isEmpty { label += "; \(UnitFormat.count(steps.count, "step"))" }
        return SparklineView(
            width: "120", height: "28", line: line.joined(separator: " "), hasLine: line.count > 1, last: last,
            failures: failures, steps: steps, label: label)
    }

    // MARK: Trend chart

    func chart(_ trend: Trend, window: Int?, targetNs: Int64?, isDefault: Bool) -> TrendChartView {
        let width = 800.0
        let height = 300.0
        // Room for labels of up to five characters at the large font phones get (style.css).
        let left = 74.0
        let right = width - 14
        let top = 34.0
        let bottom = height - 40
        let start = window.map { max(0, trend.points.count - $0) } ?? 0
        let points = Array(trend.points[start...])
        // Read field by field: a closure over each point would copy it (its run id and commit).
        var medians: [Double] = []
        var lows: [Double] = []
        var highs: [Double] = []
        var failedRuns = 0
        medians.reserveCapacity(points.count)
        for index in points.indices {
            if let median = points[index].medianNs { medians.append(median) } else { failedRuns += 1 }
            if let low = points[index].lowNs { lows.append(low) }
            if let high = points[index].highNs { highs.append(high) }
        }
        var extra = lows + highs
        // A target is a time; it has no place on an axis of instruction counts.
        let targetNs = trend.metric == .time ? targetNs : nil
        if let targetNs { extra.append(Double(targetNs)) }
        let scale = AxisScale(values: medians + extra, low: bottom, high: top, minimumSpan: 0.1, metric: trend.metric)
        let step = points.count > 1 ? (right - left - 8) / Double(points.count - 1) : 0
        func x(_ i: Double) -> Double { points.count > 1 ? left + 4 + i * step : (left + right) / 2 }
        let stepIndices = trend.changePoints.filter { $0.pointIndex >= start }.map { $0.pointIndex - start }
        let slots = downsampling.slots(points, stepIndices: stepIndices)

        // The polyline and the band are written straight into their attribute text, not made as
        // a string per point and joined afterwards.
        var line = ""
        var lineCount = 0
        var upper = ""
        var lower: [(x: String, y: String)] = []
        var marks: [MarkView] = []
        // Every bucket's whisker in one path ("M x top V bottom" each): as ~900 lines they were
        // 47 KB of a 318 KB page at 5000 runs, as one path 12 KB.
        var whiskers = ""
        var failures: [MarkView] = []
        line.reserveCapacity(slots.count * 12)
        marks.reserveCapacity(slots.count)
        let failureY = ReportFormat.coordinate(bottom - 6)
        for slot in slots {
            let px = ReportFormat.coordinate(x(slot.position))
            // A bucket with failures and successes has one title for its mark and its cross.
            var title: String?
            if slot.failed > 0 {
                let text = slotTitle(slot, points, trend)
                title = text
                failures.append(MarkView(x: px, y: failureY, title: text))
            }
            guard let median = slot.medianNs else { continue }
            let py = ReportFormat.coordinate(scale.y(median))
            if lineCount > 0 { line += " " }
            line += px
            line += ","
            line += py
            lineCount += 1
            marks.append(MarkView(x: px, y: py, title: title ?? slotTitle(slot, points, trend)))
            if slot.isBucket, let low = slot.minNs, let high = slot.maxNs, high > low {
                if whiskers.isEmpty { whiskers.reserveCapacity(slots.count * 16) }
                whiskers += "M"
                whiskers += px
                whiskers += " "
                whiskers += ReportFormat.coordinate(scale.y(high))
                whiskers += "V"
                whiskers += ReportFormat.coordinate(scale.y(low))
            }
            if let low = slot.lowNs, let high = slot.highNs {
                if lower.isEmpty { upper.reserveCapacity(slots.count * 12) } else { upper += " " }
                upper += px
                upper += ","
                upper += ReportFormat.coordinate(scale.y(high))
                lower.append((px, ReportFormat.coordinate(scale.y(low))))
            }
        }
        // The high edge forward, then the low edge back.
        var band = ""
        band.reserveCapacity(upper.utf8.count * 2 + 1)
        band += upper
        for point in lower.reversed() {
            band += " "
            band += point.x
            band += ","
            band += point.y
        }
        let yTicks = scale.ticks.map { TickView(position: ReportFormat.coordinate(scale.y($0)), text: scale.label($0)) }
        let xTicks = xAxisTicks(points) { x(Double($0)) }
        let steps = trend.changePoints.filter { $0.pointIndex >= start }.map { change in
            StepMarkView(
                x: ReportFormat.coordinate(x(Double(change.pointIndex - start))), stepTitle: stepTitle(change, trend),
                stepClass: change.stepPercent > 0 ? "bad" : "good")
        }
        let target = targetNs.map {
            TickView(
                position: ReportFormat.coordinate(scale.y(Double($0))),
                text: "target \(UnitFormat.duration(ns: Double($0)))")
        }
        let zoomLabel = (window == nil ? "All " : "Last ") + UnitFormat.count(points.count, "run")
        var description =
            trend.metric == .instructions
            ? "Median instructions per iteration per run, oldest left, newest right"
            : "Median time per run, oldest left, newest right"
        if let low = medians.min(), let high = medians.max() {
            description += ", from \(trend.format(low)) to \(trend.format(high))"
        }
        if failedRuns > 0 { description += "; \(failedRuns) failed runs marked at the bottom" }
        let buckets = slots.lazy.filter(\.isBucket).count
        if buckets > 0 {
            description += "; older runs drawn as \(UnitFormat.count(buckets, "bucket")) with their lowest and highest median"
        }
        if !steps.isEmpty { description += "; \(steps.count) step changes marked" }
        return TrendChartView(
            chartID: window.map { "last-\($0)" } ?? "all", zoomLabel: zoomLabel,
            chartClass: isDefault ? "zoom zoom-default" : "zoom",
            chartTitle: "\(TextSafety.line(trend.name)): \(zoomLabel.lowercased())", chartDescription: description,
            width: "800", height: "300", yUnit: scale.unit, plotLeft: ReportFormat.coordinate(left), plotRight: ReportFormat.coordinate(right),
            plotTop: ReportFormat.coordinate(top), plotBottom: ReportFormat.coordinate(bottom),
            band: band, hasBand: lower.count > 1, line: line, hasLine: lineCount > 1, whiskers: whiskers,
            hasWhiskers: !whiskers.isEmpty,
            target: target, yTicks: yTicks, xTicks: xTicks, points: marks, pointClass: marks.count > 150 ? "pt dense" : "pt",
            failures: failures, steps: steps)
    }

    /// Up to four labels along the x axis, first and last included, that never repeat: the
    /// date where the day changes, else the time, else (runs in the same minute) the commit.
    private func xAxisTicks(_ points: [TrendPoint], x: (Int) -> Double) -> [TickView] {
        guard !points.isEmpty else { return [] }
        let count = min(4, points.count)
        var indices: [Int] = []
        for k in 0..<count {
            let index = count == 1 ? 0 : Int((Double(k) * Double(points.count - 1) / Double(count - 1)).rounded())
            if indices.last != index { indices.append(index) }
        }
        var used: Set<String> = []
        var lastDay = ""
        return indices.enumerated().map { offset, index in
            let point = points[index]
            let day = ReportFormat.day(point.date)
            var text = day
            if day == lastDay || used.contains(text) { text = ReportFormat.time(point.date) }
            if used.contains(text) {
                let info = point.runIndex < runs.count ? runs[point.runIndex] : nil
                text = info?.shortCommit ?? TextSafety.line(point.commit.map { String($0.prefix(7)) } ?? point.runID)
            }
            if used.contains(text) { text = "#\(point.runIndex + 1)" }
            used.insert(text)
            lastDay = day
            let anchor = indices.count == 1 ? "middle" : (offset == 0 ? "start" : (offset == indices.count - 1 ? "end" : "middle"))
            return TickView(position: ReportFormat.coordinate(x(index)), text: text, anchor: anchor)
        }
    }

    /// A run's hover title, or a bucket's: its dates, its run count and the range of its medians.
    private func slotTitle(_ slot: ChartDownsampling.Slot, _ points: [TrendPoint], _ trend: Trend) -> String {
        guard slot.isBucket else { return pointTitle(points, slot.first, trend) }
        // Days, not times: a bucket spans days, and its title is repeated for each of up to 1000 buckets.
        var title = "\(ReportFormat.day(points[slot.first].date)) to \(ReportFormat.day(points[slot.last].date)) · \(UnitFormat.count(slot.count, "run"))"
        if let median = slot.medianNs, let low = slot.minNs, let high = slot.maxNs {
            title += " · median \(trend.format(median)), \(trend.format(low)) to \(trend.format(high))"
        }
        if slot.failed > 0 { title += " · \(slot.failed) not successful" }
        return title
    }

    /// The hover title of `points[index]`. Its fields, and its run's, are read in place: a copy
    /// would retain its strings (and the run's whole record), once for each of up to a thousand
    /// points per chart.
    private func pointTitle(_ points: [TrendPoint], _ index: Int, _ trend: Trend) -> String {
        let value = points[index].medianNs.map { trend.format($0) } ?? ReportFormat.outcomeWord(points[index].outcome)
        let run = points[index].runIndex
        guard run < runs.count else { return ReportFormat.date(points[index].date) + " · – · " + value }
        let subject = runs[run].subject
        var title = runs[run].date
        title.reserveCapacity(title.utf8.count + value.utf8.count + subject.utf8.count + 32)
        title += " · "
        title += runs[run].shortCommit
        title += " · "
        title += value
        if !subject.isEmpty {
            title += " · "
            title += subject
        }
        return title
    }

    private func stepTitle(_ change: ChangePoint, _ trend: Trend) -> String {
        let commit = TextSafety.line(change.commit.map { String($0.prefix(7)) } ?? change.runID)
        return "Step \(UnitFormat.percent(change.stepPercent)) at \(commit): \(trend.format(change.beforeNs)) → \(trend.format(change.afterNs))"
    }
}

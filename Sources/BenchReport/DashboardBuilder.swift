import BenchAnalysis
import BenchModel

/// Builds the dashboard's view model from the history index.
struct DashboardBuilder {
    let index: HistoryIndex
    let status: SuiteStatus
    let options: ReportOptions

    /// The link to a benchmark's page.
    private func link(_ name: String) -> LinkView {
        LinkView(text: TextSafety.line(name), href: "benchmarks/\(index.slugs[name] ?? "benchmark").html")
    }

    func build() -> DashboardPage {
        let title = TextSafety.line(options.title)
        var page = DashboardPage(
            title: title, pageTitle: title, root: "", warnings: index.warnings, hasRuns: index.latest != nil,
            latest: nil, verdict: nil, tiles: [], problems: [], groups: [], retired: [],
            runCount: "\(index.runs.count)", sparklineRuns: "\(options.sparklineRuns)", recentChanges: [])
        page.runCountText = UnitFormat.count(index.runs.count, "run")
        page.sparklineRunsText = "Last " + UnitFormat.count(options.sparklineRuns, "run")
        page.hasWarnings = !page.warnings.isEmpty
        guard let latest = index.runs.last else { return page }
        page.pageTitle = "\(status.icon) \(title)"
        page.latest = latestRun(latest)
        page.verdict = VerdictView(
            verdictClass: status.levelClass, icon: status.icon, headline: status.headline, detail: status.detail)
        page.tiles = tiles()
        let chart = ChartBuilder(runs: index.runs, downsampling: ChartDownsampling(maxPoints: options.chartPointLimit))
        let ranked = status.ranked
        page.problems = ranked.filter(\.isProblem).map(problem)
        page.groups = groups(ranked, chart: chart)
        // A benchmark missing from the latest run left the suite only if that run set out to run
        // it: one its --filter or --shard left out is still in the suite, just not run this time.
        let current = Set(latest.record.benchmarks.map(\.name))
        let absent = index.names.filter { !current.contains($0) }
        page.retired = absent.filter { latest.record.selected($0) }.map(link)
        page.notSelected = absent.filter { !latest.record.selected($0) }.map(link)
        page.hasNotSelected = !page.notSelected.isEmpty
        page.notSelectedText = TextSafety.line(latest.record.selection?.commandLine ?? "")
        page.machines = MachineSeriesBuilder(runs: index.runs).dashboardRows()
        page.machineCountText = UnitFormat.count(page.machines.count, "machine")
        page.hasProblems = !page.problems.isEmpty
        let changes = recentChanges()
        page.recentChanges = changes.rows
        page.hasRecentChanges = !changes.rows.isEmpty
        page.recentChangesText = changes.total > changes.rows.count
            ? "the newest \(changes.rows.count) of \(UnitFormat.count(changes.total, "step")); each benchmark's page lists all of its own"
            : "\(UnitFormat.count(changes.total, "step")) over the whole history, newest first"
        page.hasRetired = !page.retired.isEmpty
        page.hasDetects = status.items.contains {
            $0.comparison?.headline.detectablePercent != nil || $0.comparison?.informational == true
        }
        page.detectsLegend = Detectability.legend
        return page
    }

    private func latestRun(_ run: HistoryIndex.RunInfo) -> LatestRunView {
        let record = run.record
        let machine = record.machine
        let memory = UnitFormat.bytes(machine.memoryBytes)
        var baselineText = "No earlier run to compare with."
        if let ab = index.comparison?.judgedAB {
            baselineText = ABLine.sentence(ab)
        } else if let baseline = index.comparison?.baseline {
            let commit = baseline.git?.shortCommit.map { " (\($0))" } ?? ""
            baselineText = "Compared with run \(baseline.id)\(commit) of \(ReportFormat.date(baseline.startedAt))."
        }
        return LatestRunView(
            date: run.date, runID: TextSafety.line(record.id), commit: run.shortCommit, subject: run.subject,
            branch: run.branch, commitHref: run.commitHref, dirty: record.git?.dirty ?? false,
            machine: TextSafety.line(
                "\(machine.cpuModel), \(machine.cores) cores, \(memory), \(machine.os) \(machine.kernel)"
                    + (machine.swiftVersion.map { ", Swift \($0)" } ?? "")),
            isolation: record.isolation ? "on" : "off", build: TextSafety.line(record.buildConfiguration),
            buildIsDebug: record.buildConfiguration != "release", interrupted: record.interrupted,
            passedText: "\(status.passed)/\(status.total)", baselineText: TextSafety.line(baselineText),
            caveat: index.comparison?.caveat.map(TextSafety.line), jsonHref: run.jsonHref)
    }

    private func tiles() -> [TileView] {
        var tiles = [
            TileView(label: "Passed", value: "\(status.passed)/\(status.total)", tileClass: status.passed == status.total ? "good" : "bad"),
            TileView(label: "Failed", value: "\(status.failed)", tileClass: status.failed > 0 ? "bad" : "muted"),
            TileView(label: "Timed out", value: "\(status.timedOut)", tileClass: status.timedOut > 0 ? "bad" : "muted"),
            TileView(label: "Slower", value: "\(status.regressions)", tileClass: status.regressions > 0 ? "bad" : "muted"),
            TileView(label: "Faster", value: "\(status.improvements)", tileClass: status.improvements > 0 ? "good" : "muted"),
        ]
        if status.items.contains(where: { $0.result.targetNs != nil }) {
            tiles.append(TileView(label: "Over target", value: "\(status.slow)", tileClass: status.slow > 0 ? "warn" : "muted"))
        }
        if status.unconfirmed > 0 {
            tiles.append(TileView(label: "Unconfirmed", value: "\(status.unconfirmed)", tileClass: "noisy"))
        }
        if status.noisy > 0 { tiles.append(TileView(label: "Noisy", value: "\(status.noisy)", tileClass: "noisy")) }
        if status.cannotGate > 0 {
            tiles.append(TileView(label: "Cannot gate at threshold", value: "\(status.cannotGate)", tileClass: "warn"))
        }
        if status.steps > 0 {
            tiles.append(TileView(label: "Stepped, last \(status.recentStepRuns) runs", value: "\(status.steps)", tileClass: "warn"))
        }
        return tiles
    }

    private func problem(_ item: SuiteStatus.Item) -> ProblemView {
        let result = item.result
        let name = TextSafety.line(result.name)
        let anchor = "b-\(index.slugs[result.name] ?? "benchmark")"
        switch item.problem {
        case .failure?, nil:
            return ProblemView(
                icon: ResultLine.statusIcon(result), name: name, anchor: anchor,
                text: TextSafety.line(ResultLine.failureText(result)), problemClass: ReportFormat.outcomeClass(result.outcome))
        case .regression?:
            let change = item.comparison?.headline
            let percent = change?.changePercent.map(UnitFormat.percent) ?? "slower"
            let format = { (value: Double) in item.comparison?.formatHeadline(value) ?? UnitFormat.duration(ns: value) }
            return ProblemView(
                icon: "🔺", name: name, anchor: anchor,
                text: "\(percent) slower: \(ReportFormat.median(result))"
                    + (change?.baseline.map { " (was \(format($0)))" } ?? ""),
                problemClass: "bad")
        case .overTarget?:
            let target = result.targetNs.map { UnitFormat.duration(ns: Double($0)) } ?? "?"
            return ProblemView(
                icon: "❌", name: name, anchor: anchor, text: "Slow: \(ReportFormat.median(result)), target \(target)",
                problemClass: "warn")
        }
    }

    /// Confirmed steps at or beyond each benchmark's threshold over the whole history, newest first.
    private func recentChanges() -> (rows: [RecentChangeView], total: Int) {
        var all: [(date: Double, order: Int, name: String, step: ChangePoint)] = []
        for (order, name) in index.names.enumerated() {
            guard let trend = index.trends[name] else { continue }
            for step in index.steps[name] ?? [] where step.pointIndex < trend.points.count {
                all.append((trend.points[step.pointIndex].date.timeIntervalSince1970, order, name, step))
            }
        }
        all.sort { ($0.date, -$0.order) > ($1.date, -$1.order) }
        let rows = all.prefix(max(0, options.recentChangesLimit)).map { entry -> RecentChangeView in
            let step = entry.step
            let trend = index.trends[entry.name]
            let point = trend?.points[step.pointIndex]
            let metric = trend?.metric ?? .time
            let run = point.flatMap { $0.runIndex < index.runs.count ? index.runs[$0.runIndex] : nil }
            return RecentChangeView(
                name: TextSafety.line(entry.name), href: "benchmarks/\(index.slugs[entry.name] ?? "benchmark").html",
                changeText: UnitFormat.percent(step.stepPercent), changeClass: step.stepPercent > 0 ? "bad" : "good",
                before: metric.format(step.beforeNs), after: metric.format(step.afterNs),
                commit: run?.shortCommit ?? TextSafety.line(step.commit.map { String($0.prefix(7)) } ?? step.runID),
                commitHref: run?.commitHref, date: run?.date ?? point.map { ReportFormat.date($0.date) } ?? "–")
        }
        return (rows, all.count)
    }

    private func groups(_ ranked: [SuiteStatus.Item], chart: ChartBuilder) -> [GroupView] {
        var order: [String] = []
        var members: [String: [SuiteStatus.Item]] = [:]
        for item in ranked {
            if members[item.result.group] == nil { order.append(item.result.group) }
            members[item.result.group, default: []].append(item)
        }
        var taken: Set<String> = []
        return order.map { group in
            let items = members[group] ?? []
            let problems = items.filter(\.isProblem).count
            var count = UnitFormat.count(items.count, "benchmark")
            if problems > 0 { count += ", \(problems) with problems" }
            return GroupView(
                groupName: TextSafety.line(group.isEmpty ? "Benchmarks" : group),
                groupAnchor: "g-" + Slug.make(group, taken: &taken), countText: count,
                rows: items.map { row($0, chart: chart) })
        }
    }

    private func row(_ item: SuiteStatus.Item, chart: ChartBuilder) -> BenchmarkRowView {
        let result = item.result
        let slug = index.slugs[result.name] ?? "benchmark"
        let comparison = item.comparison
        var speed: BadgeView?
        if result.outcome.isSuccess, let fast = result.isFast {
            speed = fast
                ? BadgeView(text: "✅ Fast", badgeClass: "good", hint: "Median at or under its target")
                : BadgeView(text: "❌ Slow", badgeClass: "bad", hint: "Median over its target")
        }
        let trend = index.reportedTrend(of: result.name)
        let informational = comparison?.informational ?? (result.config?.informational == true)
        let memoryRange = result.outcome.isSuccess
            ? ProcessFigures.memoryDisagreement(result, threshold: index.thresholdPolicy.memory) : nil
        var modeNote: String?
        switch result.mode {
        case .isolated: modeNote = nil
        case .inProcess: modeNote = "in-process"
        case .fallback: modeNote = "⚠️ fallback (in-process)"
        }
        return BenchmarkRowView(
            anchor: "b-\(slug)", href: "benchmarks/\(slug).html", name: TextSafety.line(result.name),
            statusIcon: ResultLine.statusIcon(result), statusText: ReportFormat.outcomeWord(result.outcome),
            statusClass: ReportFormat.outcomeClass(result.outcome), isolated: result.mode == .isolated,
            modeNote: modeNote, median: ReportFormat.median(result),
            spread: result.outcome.isSuccess ? ReportFormat.spread(result) : nil,
            targetText: result.targetNs.map { UnitFormat.duration(ns: Double($0)) }, speed: speed,
            memory: ReportFormat.memory(result),
            memorySpread: memoryRange.map { range in
                BadgeView(
                    text: "\(UnitFormat.bytes(range.low)) – \(UnitFormat.bytes(range.high))", badgeClass: "noisy",
                    hint: "Its processes disagree on memory (from the smallest to the largest figure), so the run has no one "
                        + "memory figure: the spread is shown, not a change")
            },
            memoryChange: result.outcome.isSuccess ? comparison.flatMap { metricBadge($0.memory, quiet: true) } : nil,
            cpu: ReportFormat.cpu(result), cpuChange: result.outcome.isSuccess ? comparison.flatMap { metricBadge($0.cpu, quiet: true) } : nil,
            total: ReportFormat.total(result), change: comparison.flatMap(timeBadge),
            changeNote: comparison.flatMap(Self.changeNote),
            step: item.recentStep.map { step in
                let when = item.stepRunsAgo == 0 ? "at this run" : "\(UnitFormat.count(item.stepRunsAgo, "run")) ago"
                return BadgeView(
                    text: "📈 step \(UnitFormat.percent(step.stepPercent)) \(when)", badgeClass: step.stepPercent > 0 ? "bad" : "good",
                    hint: "A lasting change of \(trend.format(step.beforeNs)) → \(trend.format(step.afterNs)) in this benchmark's history")
            },
            sparkline: chart.sparkline(trend, window: options.sparklineRuns), failure: FailureView(result),
            medianNote: ProcessFigures.scalingNote(result),
            informational: informational ? Detectability.informationalBadge : nil,
            detects: comparison.map { Detectability.badge(detectablePercent: $0.headline.detectablePercent, threshold: item.threshold) })
    }

    /// Why the headline verdict is what it is, shown under the change: for the verdicts a reader
    /// must not take at face value (noisy, unconfirmed), and for informational changes.
    static func changeNote(_ comparison: BenchmarkComparison) -> String? {
        switch comparison.verdict {
        case .noisy, .unconfirmed:
            return comparison.headline.note.map(TextSafety.line)
                ?? (comparison.verdict == .unconfirmed ? "not confirmed by the evidence; never gates" : nil)
        case .regression, .improvement:
            return comparison.informational ? "informational: shown, never gating" : nil
        default:
            return nil
        }
    }

    private func timeBadge(_ comparison: BenchmarkComparison) -> BadgeView? {
        switch comparison.verdict {
        case .new: return BadgeView(text: "🆕 new", badgeClass: "info", hint: "Not in the baseline run")
        case .failed:
            guard comparison.current?.outcome.isSuccess ?? false else { return nil }
            return BadgeView(text: "fixed", badgeClass: "good", hint: "Failed in the baseline run")
        default:
            guard var badge = metricBadge(comparison.headline, quiet: false) else { return nil }
            // An informational benchmark's change informs; coloured as a regression it would read as one.
            if comparison.informational, comparison.verdict == .regression || comparison.verdict == .improvement {
                badge.badgeClass = "info"
            }
            return badge
        }
    }

    /// The change of one metric; `quiet` hides unchanged ones (memory and CPU only speak up when they moved).
    private func metricBadge(_ metric: MetricComparison, quiet: Bool) -> BadgeView? {
        guard let percent = metric.changePercent else { return nil }
        if quiet, metric.verdict == .unchanged { return nil }
        var hint = "Against the baseline run"
        if let p = metric.pValue { hint += ", " + ReportFormat.pValue(p) }
        if let note = metric.note, metric.verdict != .unchanged { hint += "; " + TextSafety.line(note) }
        let word = metric.verdict == .unchanged ? "" : " " + ReportFormat.verdictWord(metric.verdict)
        return BadgeView(
            text: "\(UnitFormat.percent(percent))\(quiet ? "" : word)", badgeClass: ReportFormat.verdictClass(metric.verdict),
            hint: hint)
    }
}

import BenchModel
import BenchStats

/// Compares runs and follows benchmarks through history.
public enum Analyzer {
    /// Compares `current` with `baseline` without history: memory and CPU, single values per
    /// run, can then only be judged against the threshold.
    public static func compare(current: RunRecord, baseline: RunRecord?, options: AnalysisOptions = .init())
        -> RunComparison
    {
        compare(current: current, baseline: baseline, history: [], options: options)
    }

    /// Compares `current` with `baseline`. `history` is the earlier runs, oldest first (the current
    /// run is ignored if it is in there). Every metric is judged against its run-to-run spread over
    /// the recent history on the same machine and build (see `RunToRunSpread`): memory and CPU
    /// because one value per run carries no spread of its own, time because the spread within a
    /// run understates how much a median moves between runs.
    public static func compare(
        current: RunRecord, baseline: RunRecord?, history: [RunRecord], options: AnalysisOptions = .init()
    ) -> RunComparison {
        let window = MetricWindow.runs(before: current, in: history, limit: options.historyWindow)
        var rows: [BenchmarkComparison] = []
        for result in current.benchmarks {
            let base = baseline?.benchmark(named: result.name)
            rows.append(compare(current: result, baseline: base, window: window, options: options))
        }
        if let baseline {
            // A benchmark the current run's --filter/--shard left out was not run, not removed:
            // it gets no row at all (`RunComparison.notSelected` names it).
            for removed in baseline.benchmarks
            where current.benchmark(named: removed.name) == nil && current.selected(removed.name) {
                let none = MetricComparison(baseline: nil, current: nil, changePercent: nil, verdict: .removed)
                rows.append(
                    BenchmarkComparison(
                        name: removed.name, group: removed.group, verdict: .removed, time: none, memory: none,
                        cpu: none, current: nil, baseline: removed))
            }
        }
        return RunComparison(current: current, baseline: baseline, caveat: caveat(current, baseline), benchmarks: rows)
    }

    static func caveat(_ current: RunRecord, _ baseline: RunRecord?) -> String? {
        guard let baseline else { return nil }
        if baseline.machine.fingerprint != current.machine.fingerprint {
            return "The baseline ran on a different machine; the comparison is a hint, not a verdict."
        }
        if baseline.buildConfiguration != current.buildConfiguration {
            return "The baseline is a \(baseline.buildConfiguration) build and this run a \(current.buildConfiguration) build; the comparison is a hint, not a verdict."
        }
        return nil
    }

    static func compare(
        current: BenchmarkResult, baseline: BenchmarkResult?, window: [RunRecord], options: AnalysisOptions
    ) -> BenchmarkComparison {
        let failed = !current.outcome.isSuccess || (baseline.map { !$0.outcome.isSuccess } ?? false)
        // Wall time under valgrind is many times native time: it compares only with itself.
        let sameMetric = baseline.map { $0.metric == current.metric } ?? true
        let time: MetricComparison
        if let baseline, !failed, !sameMetric {
            time = MetricComparison(
                baseline: baseline.medianNs, current: current.medianNs, changePercent: nil, verdict: .new,
                note: "not comparable: one run measured time, the other counted instructions under valgrind")
        } else if let baseline, !failed {
            time = Judge.time(
                current: current, baseline: baseline,
                history: MetricWindow.values(of: current.name, in: window, metric: \.medianNs),
                threshold: options.thresholds.time(for: current), alpha: options.alpha)
        } else {
            time = MetricComparison(
                baseline: baseline?.medianNs, current: current.medianNs, changePercent: nil,
                verdict: failed ? .failed : .new)
        }
        // A baseline recorded before swift benchmarks measured growth with warm-up is compared
        // on the growth after warm-up, which both runs have.
        let withWarmup = baseline.map { $0.resources.peakMemoryGrowthWithWarmupBytes != nil } ?? true
        let memoryOf: (BenchmarkResult) -> Double? = { result in
            // Not `.map(Double.init)`: on UInt64 that resolves to init(bitPattern:).
            result.resources.memoryFigureBytes(for: result.kind, withWarmup: withWarmup).map { Double($0) }
        }
        let cpuOf: (BenchmarkResult) -> Double? = { result in result.resources.cpuTotalUs.map { Double($0) } }
        var memory = Judge.single(
            current: memoryOf(current), baseline: baseline.flatMap(memoryOf),
            history: MetricWindow.values(of: current.name, in: window, metric: memoryOf),
            threshold: options.thresholds.memory)
        var cpu = Judge.single(
            current: cpuOf(current), baseline: baseline.flatMap(cpuOf),
            history: MetricWindow.values(of: current.name, in: window, metric: cpuOf), threshold: options.thresholds.cpu)
        if current.metric == .instructions || baseline?.metric == .instructions {
            // Under valgrind, max RSS and CPU time are valgrind's own and swing with the machine's
            // load: shown, never a verdict (a CI gate on them would fail at random).
            memory = Self.notJudged(memory)
            cpu = Self.notJudged(cpu)
        }
        var instructions: MetricComparison?
        if current.metric == .instructions || baseline?.metric == .instructions {
            if let baseline, !failed, sameMetric {
                instructions = Judge.instructions(
                    current: current, baseline: baseline, threshold: options.thresholds.instructions(for: current))
            } else {
                instructions = MetricComparison(
                    baseline: baseline?.medianInstructions, current: current.medianInstructions, changePercent: nil,
                    verdict: failed ? .failed : .new,
                    note: baseline != nil && !sameMetric ? "the baseline did not count instructions" : nil)
            }
        }
        let verdict: Verdict
        if failed {
            verdict = .failed
        } else if baseline == nil {
            verdict = .new
        } else if current.metric == .instructions, let instructions {
            verdict = instructions.verdict
        } else {
            verdict = time.verdict
        }
        return BenchmarkComparison(
            name: current.name, group: current.group, verdict: verdict, time: time, memory: memory, cpu: cpu,
            instructions: instructions, current: current, baseline: baseline)
    }

    /// A memory or CPU figure measured under valgrind: kept with its change, judged `unchanged`.
    static func notJudged(_ metric: MetricComparison) -> MetricComparison {
        guard metric.verdict == .regression || metric.verdict == .improvement || metric.verdict == .noisy else {
            return metric
        }
        var result = metric
        result.verdict = .unchanged
        result.note = "measured under valgrind (metric = instructions): valgrind's own figure, not judged"
        return result
    }

    /// The series of one benchmark over history (oldest first) and the steps found in it.
    public static func trend(of name: String, in history: [RunRecord]) -> Trend {
        trend(of: name, in: history, detector: ChangePointDetector())
    }

    /// As `trend(of:in:)` with a detector tuned differently.
    public static func trend(of name: String, in history: [RunRecord], detector: ChangePointDetector) -> Trend {
        trend(of: name, in: history, detector: detector) { run, _ in run.benchmark(named: name) }
    }

    static func trend(
        of name: String, in history: [RunRecord], detector: ChangePointDetector,
        lookup: (RunRecord, Int) -> BenchmarkResult?
    ) -> Trend {
        let found = history.indices.compactMap { index in lookup(history[index], index).map { (index, $0) } }
        // The newest run decides the metric; runs that measured the other one are left out, since
        // durations and instruction counts on one axis would read as a huge step.
        let metric = found.last?.1.metric ?? .time
        var points: [TrendPoint] = []
        for (index, result) in found where result.metric == metric {
            let run = history[index]
            let point: TrendPoint
            switch metric {
            case .time:
                point = TrendPoint(
                    runIndex: index, runID: run.id, date: run.startedAt, commit: run.git?.commit,
                    medianNs: result.outcome.isSuccess ? result.medianNs : nil,
                    lowNs: result.stats?.ciLowNs ?? result.stats?.minNs,
                    highNs: result.stats?.ciHighNs ?? result.stats?.maxNs, outcome: result.outcome)
            case .instructions:
                let stats = result.instructionStats ?? result.samplesInstructions.flatMap { CountStats($0) }
                point = TrendPoint(
                    runIndex: index, runID: run.id, date: run.startedAt, commit: run.git?.commit,
                    medianNs: result.outcome.isSuccess ? stats?.median : nil, lowNs: stats?.min, highNs: stats?.max,
                    outcome: result.outcome)
            }
            points.append(point)
        }
        // Failed runs have no median: detect on the successful ones and map back.
        let measured = points.indices.filter { points[$0].medianNs != nil }
        let series = measured.compactMap { points[$0].medianNs }
        let changePoints = detector.detect(series).map { step in
            let pointIndex = measured[step.index]
            return ChangePoint(
                pointIndex: pointIndex, runID: points[pointIndex].runID, commit: points[pointIndex].commit,
                beforeNs: step.before, afterNs: step.after, stepPercent: (step.relativeChange ?? 0) * 100)
        }
        return Trend(name: name, metric: metric, points: points, changePoints: changePoints)
    }

    /// The trend of every benchmark that appears anywhere in `history`, in order of first appearance.
    public static func trends(in history: [RunRecord]) -> [Trend] {
        var names: [String] = []
        var seen: Set<String> = []
        for run in history {
            for result in run.benchmarks where seen.insert(result.name).inserted { names.append(result.name) }
        }
        // One dictionary per run instead of a linear search per benchmark and run: 100 benchmarks
        // over 1000 runs would otherwise compare names five million times.
        let indexed: [[String: BenchmarkResult]] = history.map { run in
            Dictionary(run.benchmarks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let detector = ChangePointDetector()
        return names.map { name in trend(of: name, in: history, detector: detector) { _, index in indexed[index][name] } }
    }
}

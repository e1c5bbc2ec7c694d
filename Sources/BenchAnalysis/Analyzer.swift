import BenchModel
import BenchStats

/// Compares runs and follows benchmarks through history.
public enum Analyzer {
    /// Compares `current` with `baseline` without history: every change short of far beyond
    /// every spread is then `unconfirmed` (see `Judge.processLevel`).
    public static func compare(current: RunRecord, baseline: RunRecord?, options: AnalysisOptions = .init())
        -> RunComparison
    {
        compare(current: current, baseline: baseline, history: [], options: options)
    }

    /// Compares `current` with `baseline`. `history` is the earlier runs, oldest first (the current
    /// run is ignored if it is in there). Every metric is judged by `Judge.processLevel`: per
    /// process, and against its run-to-run spread over the recent history on the same machine and
    /// build (see `RunToRunSpread`), because the spread within a run understates how much a
    /// figure moves between runs.
    public static func compare(
        current: RunRecord, baseline: RunRecord?, history: [RunRecord], options: AnalysisOptions = .init()
    ) -> RunComparison {
        let window = MetricWindow(before: current, in: history, limit: options.historyWindow)
        // Each benchmark is judged on its own: on every core (hundreds of benchmarks, three
        // metrics each, against twenty runs).
        var rows = ParallelMap.map(current.benchmarks) { result in
            compare(current: result, baseline: baseline?.benchmark(named: result.name), source: .history(window), options: options)
        }
        if let baseline {
            // A benchmark the current run's --filter/--shard left out was not run, not removed:
            // it gets no row at all (`RunComparison.notSelected` names it).
            for removed in baseline.benchmarks
            where current.benchmark(named: removed.name) == nil && current.selected(removed.name) {
                rows.append(removedRow(removed))
            }
        }
        return RunComparison(current: current, baseline: baseline, caveat: caveat(current, baseline), benchmarks: rows)
    }

    /// Which runs of `history` (oldest first) `compare(current:baseline:history:options:)` reads for
    /// the run-to-run spread: the newest `historyWindow` before `current` on its machine and build.
    /// Only their identity is looked at (id, machine, build), so a caller that holds most runs
    /// without their results completes just these and passes them as the history: same verdicts.
    public static func historyWindow(before current: RunRecord, in history: [RunRecord], options: AnalysisOptions) -> [Int] {
        MetricWindow.indices(before: current, in: history, limit: options.historyWindow)
    }

    /// The row of a benchmark only the baseline has.
    static func removedRow(_ removed: BenchmarkResult) -> BenchmarkComparison {
        let none = MetricComparison(baseline: nil, current: nil, changePercent: nil, verdict: .removed)
        return BenchmarkComparison(
            name: removed.name, group: removed.group, verdict: .removed, time: none, memory: none, cpu: none,
            current: nil, baseline: removed)
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

    /// Where the evidence of one benchmark comes from: earlier runs (history mode) or the pairs of
    /// one A/B job.
    enum Source {
        case history(MetricWindow)
        case paired
    }

    static func compare(
        current: BenchmarkResult, baseline: BenchmarkResult?, source: Source, options: AnalysisOptions
    ) -> BenchmarkComparison {
        let failed = !current.outcome.isSuccess || (baseline.map { !$0.outcome.isSuccess } ?? false)
        // Wall time under valgrind is many times native time: it compares only with itself.
        let sameMetric = baseline.map { $0.metric == current.metric } ?? true
        /// The evidence of one metric: history mode asks the window for each earlier run's figure.
        func evidence(_ figures: (BenchmarkResult) -> [ProcessFigure]) -> Evidence {
            switch source {
            case .history(let window):
                .history(window.values(of: current.name) { ProcessFigures.center(figures($0)) })
            case .paired:
                .paired
            }
        }
        let time: MetricComparison
        if let baseline, !failed, !sameMetric {
            time = MetricComparison(
                baseline: baseline.medianNs, current: current.medianNs, changePercent: nil, verdict: .new,
                note: "not comparable: one run measured time, the other counted instructions under valgrind")
        } else if let baseline, !failed {
            time = Judge.processLevel(
                baseline: ProcessFigures.time(baseline), current: ProcessFigures.time(current),
                evidence: evidence(ProcessFigures.time), threshold: options.thresholds.time(for: current),
                alpha: options.alpha)
        } else {
            time = MetricComparison(
                baseline: baseline?.medianNs, current: current.medianNs, changePercent: nil,
                verdict: failed ? .failed : .new)
        }
        var memory = Self.memory(current: current, baseline: baseline, evidence: evidence, options: options)
        var cpu = Self.cpu(current: current, baseline: baseline, evidence: evidence, options: options)
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

    /// Memory by the process-level rule, above `ResolutionFloor.memoryBytes`. A baseline recorded
    /// before swift benchmarks measured growth with warm-up is compared on the growth after
    /// warm-up, which both runs have.
    static func memory(
        current: BenchmarkResult, baseline: BenchmarkResult?, evidence: ((BenchmarkResult) -> [ProcessFigure]) -> Evidence,
        options: AnalysisOptions
    ) -> MetricComparison {
        let withWarmup = baseline.map { $0.resources.peakMemoryGrowthWithWarmupBytes != nil || $0.processes != nil } ?? true
        let figures = { (result: BenchmarkResult) in ProcessFigures.memory(result, withWarmup: withWarmup) }
        return Judge.processLevel(
            baseline: baseline.map(figures) ?? [], current: figures(current), evidence: evidence(figures),
            threshold: options.thresholds.memory, alpha: options.alpha, floor: ResolutionFloor.memoryBytes,
            floorText: "below the memory floor (\(UnitFormat.bytes(UInt64(ResolutionFloor.memoryBytes)))): "
                + "identical processes differ by that many pages")
    }

    /// CPU by the process-level rule: per iteration where every process knows its iterations,
    /// never below one scheduler tick per process (`ResolutionFloor.cpuPerProcessUs`).
    static func cpu(
        current: BenchmarkResult, baseline: BenchmarkResult?, evidence: ((BenchmarkResult) -> [ProcessFigure]) -> Evidence,
        options: AnalysisOptions
    ) -> MetricComparison {
        let perIteration = ProcessFigures.cpuPerIterationKnown([current] + (baseline.map { [$0] } ?? []))
        let figures = { (result: BenchmarkResult) in ProcessFigures.cpu(result, perIteration: perIteration) }
        let iterations = perIteration ? ProcessFigures.iterationsPerProcess(current) ?? 1 : 1
        let floor = ResolutionFloor.cpuPerProcessUs / Swift.max(iterations, 1)
        return Judge.processLevel(
            baseline: baseline.map(figures) ?? [], current: figures(current), evidence: evidence(figures),
            threshold: options.thresholds.cpu, alpha: options.alpha, floor: floor,
            floorText: "below the CPU accounting floor: one scheduler tick (4 ms) per process"
                + (perIteration ? ", \(UnitFormat.duration(ns: floor * 1000)) per iteration" : ""))
    }

    /// A memory or CPU figure measured under valgrind: kept with its change, judged `unchanged`.
    static func notJudged(_ metric: MetricComparison) -> MetricComparison {
        let judged: Set<Verdict> = [.regression, .improvement, .noisy, .unconfirmed]
        guard judged.contains(metric.verdict) else {
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
        return trend(of: name, in: history, found: found, detector: detector)
    }

    /// As `trend(of:in:)`, given the benchmark's result in each run it appears in: (run index,
    /// result) pairs, oldest first, the first result of that name in a run. A report's index of
    /// the history has them already; looking each up again compares every name of every run, and
    /// copies every result it passes (most of a long history's report time).
    public static func trend(of name: String, in history: [RunRecord], results: [(runIndex: Int, result: BenchmarkResult)]) -> Trend {
        trend(of: name, in: history, found: results.map { ($0.runIndex, $0.result) }, detector: ChangePointDetector())
    }

    /// As `trend(of:in:results:)`, from the digests of the results (`ResultDigest`, what a report
    /// of a long history holds for the runs it does not show in full) and each run's `TrendStamp`
    /// (made once for every trend of a history, rather than read from each run for each
    /// benchmark). The same points and steps.
    public static func trend(of name: String, stamps: [TrendStamp], digests: [(runIndex: Int, digest: ResultDigest)]) -> Trend {
        trend(of: name, stamps: { stamps[$0] }, digests: digests, detector: ChangePointDetector())
    }

    private static func trend(
        of name: String, in history: [RunRecord], found: [(Int, BenchmarkResult)], detector: ChangePointDetector
    ) -> Trend {
        trend(
            of: name, stamps: { TrendStamp(history[$0]) }, digests: found.map { (runIndex: $0.0, digest: ResultDigest($0.1)) },
            detector: detector)
    }

    private static func trend(
        of name: String, stamps: (Int) -> TrendStamp, digests found: [(runIndex: Int, digest: ResultDigest)],
        detector: ChangePointDetector
    ) -> Trend {
        // The newest run decides the metric; runs that measured the other one are left out, since
        // durations and instruction counts on one axis would read as a huge step.
        let metric = found.last?.digest.metric ?? .time
        var points: [TrendPoint] = []
        points.reserveCapacity(found.count)
        for (index, digest) in found where digest.metric == metric {
            points.append(
                TrendPoint(
                    runIndex: index, stamp: stamps(index), medianNs: digest.trendMedian, lowNs: digest.low, highNs: digest.high,
                    outcome: digest.outcome))
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
        let positions = history.map { $0.firstPositions() }
        let detector = ChangePointDetector()
        return names.map { name in
            trend(of: name, in: history, detector: detector) { run, index in positions[index][name].map { run.benchmarks[$0] } }
        }
    }
}

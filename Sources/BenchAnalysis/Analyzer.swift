import BenchModel

/// Compares runs. This first version judges by the ratio of medians alone; the statistical
/// version (Mann-Whitney U, noise detection, change points) replaces the bodies, not the API.
public enum Analyzer {
    public static func compare(current: RunRecord, baseline: RunRecord?, options: AnalysisOptions = .init())
        -> RunComparison
    {
        var rows: [BenchmarkComparison] = []
        for result in current.benchmarks {
            let base = baseline?.benchmark(named: result.name)
            rows.append(compare(current: result, baseline: base, hasBaselineRun: baseline != nil, options: options))
        }
        if let baseline {
            for removed in baseline.benchmarks where current.benchmark(named: removed.name) == nil {
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

    static func compare(current: BenchmarkResult, baseline: BenchmarkResult?, hasBaselineRun: Bool, options: AnalysisOptions)
        -> BenchmarkComparison
    {
        let threshold = options.timeThresholdOverrides[current.name] ?? options.timeThreshold
        let time = metric(baseline?.medianNs, current.medianNs, threshold: threshold)
        let memory = metric(
            baseline.flatMap { $0.resources.memoryFigureBytes(for: $0.kind) }.map(Double.init),
            current.resources.memoryFigureBytes(for: current.kind).map(Double.init), threshold: options.memoryThreshold)
        let cpu = metric(
            baseline?.resources.cpuTotalUs.map(Double.init), current.resources.cpuTotalUs.map(Double.init),
            threshold: options.cpuThreshold)
        let verdict: Verdict
        if !current.outcome.isSuccess || (baseline.map { !$0.outcome.isSuccess } ?? false) {
            verdict = .failed
        } else if baseline == nil {
            verdict = .new
        } else {
            verdict = time.verdict
        }
        return BenchmarkComparison(
            name: current.name, group: current.group, verdict: verdict, time: time, memory: memory, cpu: cpu,
            current: current, baseline: baseline)
    }

    static func metric(_ baseline: Double?, _ current: Double?, threshold: Double) -> MetricComparison {
        guard let baseline, let current else {
            return MetricComparison(baseline: baseline, current: current, changePercent: nil, verdict: baseline == nil ? .new : .removed)
        }
        guard baseline > 0 else {
            return MetricComparison(baseline: baseline, current: current, changePercent: nil, verdict: .unchanged)
        }
        let change = (current - baseline) / baseline
        let verdict: Verdict = change > threshold ? .regression : (change < -threshold ? .improvement : .unchanged)
        return MetricComparison(baseline: baseline, current: current, changePercent: change * 100, verdict: verdict)
    }

    /// The series of one benchmark over history (oldest first) and the steps found in it.
    public static func trend(of name: String, in history: [RunRecord]) -> Trend {
        var points: [TrendPoint] = []
        for (index, run) in history.enumerated() {
            guard let result = run.benchmark(named: name) else { continue }
            points.append(
                TrendPoint(
                    runIndex: index, runID: run.id, date: run.startedAt, commit: run.git?.commit,
                    medianNs: result.outcome.isSuccess ? result.medianNs : nil,
                    lowNs: result.stats?.ciLowNs ?? result.stats?.minNs,
                    highNs: result.stats?.ciHighNs ?? result.stats?.maxNs, outcome: result.outcome))
        }
        return Trend(name: name, points: points, changePoints: [])
    }
}

import BenchModel

/// Thresholds and test settings of a comparison. Fractions: 0.05 means 5 %.
public struct AnalysisOptions: Sendable, Equatable {
    /// Which threshold judges each metric of each benchmark.
    public var thresholds: ThresholdPolicy
    /// Significance level of the two-sided Mann-Whitney U test.
    public var alpha: Double
    /// How many recent runs (same machine and build configuration) give the run-to-run spread that
    /// time, memory and CPU are judged against.
    public var historyWindow: Int

    public init(thresholds: ThresholdPolicy = .init(), alpha: Double = ThresholdDefaults.alpha, historyWindow: Int = 20) {
        self.thresholds = thresholds
        self.alpha = alpha
        self.historyWindow = historyWindow
    }

    /// The thresholds one by one; `timeThresholdOverrides` beat the thresholds recorded in the
    /// benchmarks' resolved configs (see `ThresholdPolicy`).
    public init(
        timeThreshold: Double = ThresholdDefaults.time, memoryThreshold: Double = ThresholdDefaults.memory,
        cpuThreshold: Double = ThresholdDefaults.cpu, alpha: Double = ThresholdDefaults.alpha,
        timeThresholdOverrides: [String: Double] = [:], historyWindow: Int = 20,
        instructionsThreshold: Double = ThresholdDefaults.instructions
    ) {
        self.init(
            thresholds: ThresholdPolicy(
                time: timeThreshold, instructions: instructionsThreshold, memory: memoryThreshold, cpu: cpuThreshold,
                overrides: timeThresholdOverrides),
            alpha: alpha, historyWindow: historyWindow)
    }
}

/// One metric of one benchmark, baseline against current.
public struct MetricComparison: Sendable, Equatable, Codable {
    public var baseline: Double?
    public var current: Double?
    /// (current − baseline) / baseline × 100; nil when either side is missing or the baseline is 0.
    public var changePercent: Double?
    public var verdict: Verdict
    /// Two-sided p-value of the process-level test (Welch's t on the log per-process figures, or
    /// the signed-rank test on the pairs in A/B; see `Judge.processLevel`), where each side had two
    /// processes or more.
    public var pValue: Double?
    /// The 1 − α confidence interval of the change in percent, from the process-level test (a
    /// ratio of geometric means, so it need not contain `changePercent`, the change of the medians).
    public var changeLowPercent: Double?
    public var changeHighPercent: Double?
    /// The median of that metric's per-run figures over the recent history the verdict was judged
    /// against, when the run-to-run spread was asked (see `Judge.processLevel`); nil otherwise.
    public var reference: Double?
    /// Why the verdict is what it is when that is not obvious from the numbers, as a sentence
    /// fragment ("not significant at the process level (p = 0.04, α = 0.01, 5 and 5 processes)").
    /// Always set when the verdict is `unconfirmed` or `noisy`.
    public var note: String?
    /// The smallest change of this metric, in percent, that this benchmark can detect (at 80 %
    /// power), from the spread of its processes and of its recent runs; nil where there is too
    /// little evidence to say. A threshold below it cannot be gated on.
    public var detectablePercent: Double?
    /// How far this run's processes spread around their median, in percent (half the range of the
    /// per-process medians over the median); nil with one process.
    public var processSpreadPercent: Double?

    public init(
        baseline: Double?, current: Double?, changePercent: Double?, verdict: Verdict, pValue: Double? = nil,
        reference: Double? = nil, note: String? = nil, changeLowPercent: Double? = nil, changeHighPercent: Double? = nil,
        detectablePercent: Double? = nil, processSpreadPercent: Double? = nil
    ) {
        self.detectablePercent = detectablePercent
        self.processSpreadPercent = processSpreadPercent
        self.changeLowPercent = changeLowPercent
        self.changeHighPercent = changeHighPercent
        self.baseline = baseline
        self.current = current
        self.changePercent = changePercent
        self.verdict = verdict
        self.pValue = pValue
        self.reference = reference
        self.note = note
    }
}

/// The comparison of one benchmark, by name, between a baseline run and the current run.
public struct BenchmarkComparison: Sendable, Equatable {
    public var name: String
    public var group: String
    /// The headline verdict: the time verdict, or `failed`/`new`/`removed`.
    public var verdict: Verdict
    /// Median time in nanoseconds.
    public var time: MetricComparison
    /// The 💾 figure in bytes (peak growth for swift benchmarks, max RSS for commands).
    public var memory: MetricComparison
    /// CPU user + system in microseconds.
    public var cpu: MetricComparison
    /// Median instructions per iteration, when either side counted them (`metric = "instructions"`);
    /// the headline verdict is then this one.
    public var instructions: MetricComparison?
    public var current: BenchmarkResult?
    public var baseline: BenchmarkResult?

    /// Shown, never gating: `informational = true` in its configuration.
    public var informational: Bool { current?.config?.informational == true }

    /// The metric the headline verdict comes from: instructions for a benchmark that counts them.
    public var headline: MetricComparison {
        if current?.metric == .instructions, let instructions { return instructions }
        return time
    }

    /// The headline metric's value in its unit: a duration, or an instruction count.
    public func formatHeadline(_ value: Double) -> String {
        current?.metric == .instructions && instructions != nil
            ? UnitFormat.instructions(value) : UnitFormat.duration(ns: value)
    }

    public init(
        name: String, group: String, verdict: Verdict, time: MetricComparison, memory: MetricComparison,
        cpu: MetricComparison, instructions: MetricComparison? = nil, current: BenchmarkResult?,
        baseline: BenchmarkResult?
    ) {
        self.instructions = instructions
        self.name = name
        self.group = group
        self.verdict = verdict
        self.time = time
        self.memory = memory
        self.cpu = cpu
        self.current = current
        self.baseline = baseline
    }
}

/// The whole comparison of a current run against its baseline.
public struct RunComparison: Sendable, Equatable {
    public var current: RunRecord
    public var baseline: RunRecord?
    /// Why the comparison is only a hint (different machine or build configuration), nil when it is a verdict.
    public var caveat: String?
    /// Current benchmarks in run order, then the removed ones.
    public var benchmarks: [BenchmarkComparison]

    public init(current: RunRecord, baseline: RunRecord?, caveat: String?, benchmarks: [BenchmarkComparison]) {
        self.current = current
        self.baseline = baseline
        self.caveat = caveat
        self.benchmarks = benchmarks
    }

    public var regressions: [BenchmarkComparison] { benchmarks.filter { $0.verdict == .regression } }

    /// The baseline's benchmarks the current run's --filter/--shard left out: not run, so no row.
    public var notSelected: [String] {
        guard let baseline else { return [] }
        return baseline.benchmarks.map(\.name).filter { current.benchmark(named: $0) == nil && !current.selected($0) }
    }

    /// Rows worst news first (failed, regression, noisy, new, removed, improvement, unchanged),
    /// larger slowdowns first within a verdict, then by name so the order is stable.
    public var benchmarksWorstFirst: [BenchmarkComparison] {
        benchmarks.sorted { a, b in
            if a.verdict.severity != b.verdict.severity { return a.verdict.severity < b.verdict.severity }
            let changeA = a.time.changePercent ?? 0
            let changeB = b.time.changePercent ?? 0
            if changeA != changeB { return changeA > changeB }
            return a.name < b.name
        }
    }

    /// How many rows have each headline verdict.
    public var verdictCounts: [Verdict: Int] {
        benchmarks.reduce(into: [:]) { $0[$1.verdict, default: 0] += 1 }
    }

    /// True when any metric (time, memory, CPU or instructions) of a benchmark that gates
    /// regressed (`BenchmarkComparison.regressesGate`).
    public var hasAnyMetricRegression: Bool { benchmarks.contains { $0.regressesGate } }

    /// True when a benchmark failed, or the headline verdict of a benchmark that gates is a regression.
    public var hasRegressionOrFailure: Bool {
        benchmarks.contains { $0.verdict == .failed || ($0.gates && $0.verdict == .regression) }
    }

    /// The gate (`compare --fail-on-regression`, the action's compare mode, the JUnit report):
    /// whether any benchmark fails it (`BenchmarkComparison.failsGate`).
    public var failsGate: Bool { benchmarks.contains { $0.failsGate } }
}

extension BenchmarkComparison {
    /// Whether this benchmark's verdicts may fail a gate: not when it is informational. `unconfirmed`
    /// and `noisy` never do, whoever owns them.
    public var gates: Bool { !informational }

    /// A regression of any metric (time, memory, CPU or instructions), in a benchmark that gates.
    public var regressesGate: Bool {
        gates
            && (verdict == .regression || memory.verdict == .regression || cpu.verdict == .regression
                || instructions?.verdict == .regression)
    }

    /// The one gate rule: the benchmark failed (crashed, timed out; also an informational one, whose
    /// run is broken whatever its verdicts), or it regresses the gate.
    public var failsGate: Bool { verdict == .failed || regressesGate }
}

import BenchModel

/// Which threshold judges a benchmark: the one rule behind every verdict, every run badge on a
/// benchmark page and every step the reports mention, so a page can never colour a change that
/// the verdict calls within the threshold. Fractions: 0.05 means 5 %.
///
/// The headline metric (time, or instructions for a benchmark that counts them) takes, in order:
/// a threshold given for that benchmark by name (`compare --threshold` sets one for every
/// benchmark), the one recorded in the benchmark's resolved config (`regression_threshold` of its
/// `[[benchmark]]` table), then the suite's threshold for that metric; that order is
/// `ThresholdDefaults.resolved`, which the `noisy` flag of recorded statistics uses too. Memory
/// and CPU have one threshold each.
public struct ThresholdPolicy: Sendable, Equatable {
    public var time: Double
    /// For benchmarks that count instructions and record no threshold of their own.
    public var instructions: Double
    public var memory: Double
    public var cpu: Double
    /// Per-benchmark thresholds of the headline metric, by name; they beat the recorded ones.
    public var overrides: [String: Double]

    public init(
        time: Double = ThresholdDefaults.time, instructions: Double = ThresholdDefaults.instructions,
        memory: Double = ThresholdDefaults.memory, cpu: Double = ThresholdDefaults.cpu, overrides: [String: Double] = [:]
    ) {
        self.time = time
        self.instructions = instructions
        self.memory = memory
        self.cpu = cpu
        self.overrides = overrides
    }

    /// The time threshold of one benchmark.
    public func time(for result: BenchmarkResult) -> Double {
        ThresholdDefaults.resolved(named: overrides[result.name], recorded: result.config?.regressionThreshold, suite: time)
    }

    /// The instructions threshold of one benchmark.
    public func instructions(for result: BenchmarkResult) -> Double {
        ThresholdDefaults.resolved(
            named: overrides[result.name], recorded: result.config?.regressionThreshold, suite: instructions)
    }

    /// The threshold of the metric the benchmark's verdict comes from.
    public func headline(for result: BenchmarkResult) -> Double {
        result.metric == .instructions ? instructions(for: result) : time(for: result)
    }

    /// Whether a change in percent (+7.0 for 7 %) is at or beyond `threshold` (a fraction), either
    /// way. A hair of tolerance lets a change of exactly the threshold (5.0 % at 5 %) count.
    public static func reaches(_ changePercent: Double, _ threshold: Double) -> Bool {
        abs(changePercent) >= threshold * 100 - 1e-9
    }
}

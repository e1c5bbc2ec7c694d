extension Benchmark {
    /// How a benchmark wants to be run; the argument labels are package-benchmark's, so its
    /// `configuration: .init(…)` compiles unchanged. config.toml's settings for the benchmark win
    /// over these.
    public struct Configuration: Sendable {
        /// How many times `scaledIterations` repeats the work inside one measured iteration, for
        /// work too small to time alone. Samples are per iteration, not per repetition.
        public var scalingFactor: BenchmarkScalingFactor
        /// Iterations run and thrown away before measuring; nil: config.toml's `warmup`.
        public var warmupIterations: Int?
        /// The most measured iterations; nil: no cap beyond config.toml's `iterations`.
        public var maxIterations: Int?
        /// The wall-time budget of the measured iterations: no iteration starts once it is spent
        /// (at least one is measured); nil: none. config.toml's `max_duration_ms` overrides it.
        public var maxDuration: Duration?
        /// Accepted so package-benchmark configurations compile; benchboard always records wall
        /// time, CPU time and memory, whatever is listed.
        public var metrics: [BenchmarkMetric]

        public init(
            metrics: [BenchmarkMetric] = BenchmarkMetric.default,
            warmupIterations: Int? = nil,
            scalingFactor: BenchmarkScalingFactor = .one,
            maxDuration: Duration? = nil,
            maxIterations: Int? = nil
        ) {
            self.metrics = metrics
            self.warmupIterations = warmupIterations.map { max(0, $0) }
            self.scalingFactor = scalingFactor
            self.maxDuration = maxDuration
            self.maxIterations = maxIterations.map { max(1, $0) }
        }

        /// The form earlier versions of this library offered: `Configuration(scalingFactor: 1000)`.
        public init(scalingFactor: Int) {
            self.init(scalingFactor: BenchmarkScalingFactor(rawValue: scalingFactor))
        }
    }

    /// `configuration.maxDuration` in nanoseconds, for the iteration engine.
    public var maxDurationNs: UInt64? {
        guard let duration = configuration.maxDuration else { return nil }
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let nanoseconds = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if nanoseconds.overflow { return UInt64.max }
        return nanoseconds.partialValue &+ UInt64(max(0, attoseconds) / 1_000_000_000)
    }

    /// `configuration.maxIterations`, for the iteration engine.
    public var maxIterations: Int? { configuration.maxIterations }

    /// `configuration.warmupIterations`, for the iteration engine.
    public var warmupIterations: Int? { configuration.warmupIterations }
}

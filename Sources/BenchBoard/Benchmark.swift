import BenchRunner

/// A benchmark written in Swift. Shaped like package-benchmark's so moving one over is a copy
/// and paste:
///
/// ```swift
/// Benchmark("sort-integers") { benchmark in
///     for _ in benchmark.scaledIterations {
///         blackHole(numbers.sorted())
///     }
/// }
/// ```
///
/// The closure is one iteration; benchboard times each call. Register benchmarks by passing them
/// to `BenchBoard.main(_:)`; config.toml refers to them with `swift = "sort-integers"`.
public final class Benchmark: SwiftBenchmark, @unchecked Sendable {
    public typealias Closure = (Benchmark) throws -> Void
    public typealias Hook = () throws -> Void

    public struct Configuration: Sendable {
        /// How many times `scaledIterations` repeats the work inside one measured iteration, for
        /// work too small to time alone. Samples are per iteration, not per repetition.
        public var scalingFactor: Int
        /// A wall-time budget for the measured iterations: once spent, the benchmark ends with the
        /// samples taken so far (outcome ok; at least one iteration is measured). config.toml's
        /// `max_duration_ms` overrides it.
        public var maxDuration: Duration?

        public init(scalingFactor: Int = 1, maxDuration: Duration? = nil) {
            self.scalingFactor = max(1, scalingFactor)
            self.maxDuration = maxDuration
        }
    }

    public let name: String
    public let configuration: Configuration
    private let closure: Closure
    private let setup: Hook?
    private let teardown: Hook?
    // A benchmark runs on one thread at a time; these only track start/stopMeasurement calls
    // within the current iteration.
    private var measurementStart: UInt64?
    private var measuredNs: UInt64?

    public init(
        _ name: String, configuration: Configuration = .init(), closure: @escaping Closure,
        setup: Hook? = nil, teardown: Hook? = nil
    ) {
        self.name = name
        self.configuration = configuration
        self.closure = closure
        self.setup = setup
        self.teardown = teardown
    }

    public var maxDurationNs: UInt64? {
        guard let budget = configuration.maxDuration, budget > .zero else { return nil }
        let (seconds, attoseconds) = budget.components
        return UInt64(clamping: seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }

    /// `0..<scalingFactor`: loop over it inside the closure.
    public var scaledIterations: Range<Int> { 0..<configuration.scalingFactor }

    /// Starts the clock inside an iteration, to leave per-iteration preparation out of the sample.
    public func startMeasurement() {
        measurementStart = MonotonicClock.now()
    }

    /// Stops the clock started by `startMeasurement()`; the sample is the time in between.
    public func stopMeasurement() {
        guard let start = measurementStart else { return }
        measuredNs = (measuredNs ?? 0) &+ (MonotonicClock.now() &- start)
        measurementStart = nil
    }

    public func setUp() throws {
        try setup?()
    }

    public func runIteration() throws -> UInt64? {
        measuredNs = nil
        measurementStart = nil
        try closure(self)
        if measurementStart != nil { stopMeasurement() }
        return measuredNs
    }

    public func tearDown() throws {
        try teardown?()
    }
}

/// Consumes a value so the optimizer cannot drop the work that produced it.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

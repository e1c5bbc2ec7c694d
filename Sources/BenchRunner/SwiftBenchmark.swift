/// A benchmark written in Swift and registered with the library. The runner only needs to call
/// it; the public `Benchmark` type users write conforms to this.
public protocol SwiftBenchmark: AnyObject, Sendable {
    /// The registered name that config.toml's `swift = "…"` refers to.
    var name: String { get }
    /// The benchmark's own time budget for its measured iterations, in nanoseconds; config.toml's
    /// `max_duration_ms` overrides it.
    var maxDurationNs: UInt64? { get }
    /// The most measured iterations the benchmark allows (package-benchmark's `maxIterations`):
    /// caps config.toml's `iterations` and `min_time_ms`; nil: no cap of its own.
    var maxIterations: Int? { get }
    /// The inner iterations one call runs (package-benchmark's `scalingFactor`, looped over with
    /// `benchmark.scaledIterations`): samples are divided by it, so they read per inner iteration.
    var scalingFactor: Int { get }
    /// Runs once before the warm-up, outside of any measurement.
    func setUp() throws
    /// Runs one iteration. Returns the nanoseconds the iteration measured itself (between
    /// `startMeasurement()` and `stopMeasurement()`), or nil to let the caller time the whole call.
    func runIteration() throws -> UInt64?
    /// Runs `count` iterations back to back, for one batched sample: the nanoseconds they measured
    /// themselves in total, or nil to let the caller time the whole batch. The default calls
    /// `runIteration()` `count` times; a conformer may do less work around each call.
    func runIterations(_ count: Int) throws -> UInt64?
    /// Runs once after the last iteration.
    func tearDown() throws
}

extension SwiftBenchmark {
    public var maxDurationNs: UInt64? { nil }
    public var maxIterations: Int? { nil }
    public var scalingFactor: Int { 1 }

    public func runIterations(_ count: Int) throws -> UInt64? {
        var measured: UInt64?
        var remaining = count
        while remaining > 0 {
            if let ns = try runIteration() { measured = (measured ?? 0) &+ ns }
            remaining &-= 1
        }
        return measured
    }
}

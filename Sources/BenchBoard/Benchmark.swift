import BenchRunner
import Synchronization

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
/// `Benchmark+Initializers.swift` adds the other shapes package-benchmark users write: async
/// closures, and setup that hands its result to the closure.
///
/// `Sendable` is checked by the compiler for everything but the user's closures: the state that
/// changes while a benchmark runs (the measurement clock) is atomic, the rest is immutable, and
/// `BenchmarkCode` holds the closures and says why they may be shared.
public final class Benchmark: SwiftBenchmark {
    public typealias Closure = (Benchmark) throws -> Void
    public typealias Hook = () throws -> Void

    public let name: String
    public let configuration: Configuration
    private let code: BenchmarkCode
    /// Set by start/stopMeasurement from inside the closure (from the task of an async one) and
    /// read after it. Atomics rather than a lock: relaxed loads and stores are plain moves on
    /// x86-64 and arm64, so the measured loop costs what it did with plain fields, and the thread
    /// that reads them wrote them or waited for the task that did (AsyncBridge's semaphore).
    private let measurementStart = Atomic<UInt64>(Benchmark.unset)
    private let measuredNs = Atomic<UInt64>(Benchmark.unset)
    /// No reading: neither a monotonic clock value nor a sum of them reaches it.
    private static var unset: UInt64 { .max }

    /// Inside `BenchBoard.main(collecting:)` the new benchmark registers itself, so the result
    /// may be dropped as in package-benchmark.
    @discardableResult
    public init(
        _ name: String, configuration: Configuration = .init(), closure: @escaping Closure,
        setup: Hook? = nil, teardown: Hook? = nil
    ) {
        self.name = name
        self.configuration = configuration
        self.code = BenchmarkCode(iteration: closure, setUp: setup, tearDown: teardown)
        BenchmarkCollector.current?.add(self)
    }

    /// `0..<scalingFactor`: loop over it inside the closure.
    public var scaledIterations: Range<Int> { 0..<configuration.scalingFactor.rawValue }

    /// How many inner iterations `scaledIterations` holds: samples are recorded per inner iteration.
    public var scalingFactor: Int { configuration.scalingFactor.rawValue }

    /// Starts the clock inside an iteration, to leave per-iteration preparation out of the sample.
    public func startMeasurement() {
        measurementStart.store(MonotonicClock.now(), ordering: .relaxed)
    }

    /// Stops the clock started by `startMeasurement()`; the sample is the time in between.
    public func stopMeasurement() {
        let start = measurementStart.load(ordering: .relaxed)
        guard start != Self.unset else { return }
        let sofar = measuredNs.load(ordering: .relaxed)
        measuredNs.store((sofar == Self.unset ? 0 : sofar) &+ (MonotonicClock.now() &- start), ordering: .relaxed)
        measurementStart.store(Self.unset, ordering: .relaxed)
    }

    /// The time an async closure measured inside its task: the sample, unless the closure used
    /// start/stopMeasurement itself.
    func recordTaskTime(_ nanoseconds: UInt64) {
        if measuredNs.load(ordering: .relaxed) == Self.unset && measurementStart.load(ordering: .relaxed) == Self.unset {
            measuredNs.store(nanoseconds, ordering: .relaxed)
        }
    }

    public func setUp() throws {
        try code.setUp?()
    }

    public func runIteration() throws -> UInt64? {
        measuredNs.store(Self.unset, ordering: .relaxed)
        measurementStart.store(Self.unset, ordering: .relaxed)
        try code.iteration(self)
        if measurementStart.load(ordering: .relaxed) != Self.unset { stopMeasurement() }
        let measured = measuredNs.load(ordering: .relaxed)
        return measured == Self.unset ? nil : measured
    }

    /// The loop of a batched sample, here so that each call costs the closure call and little
    /// else: the closure is fetched once, the measurement state is reset once per batch, and the
    /// loop runs four calls a turn, so a call pays for its own call and return and a quarter of the
    /// loop's count and branch. Nothing is subtracted: the batch's time is the calls' time.
    ///
    /// A single call is `runIteration()` exactly: a start left open is stopped when the call
    /// returns. A benchmark that measures itself shows it in those single calls (the warm-up's,
    /// or the calibration's first ones without a warm-up), and is then never batched. In a batch
    /// start/stopMeasurement add up over the calls (`stopMeasurement` accumulates), and a start
    /// still open is stopped once, when the batch ends. Checking after every call cost about as
    /// much as the four-call turn saves (0.5 ns a call, a fifth of an empty closure's time), for
    /// the sake of a closure that would start measuring itself only after its calibration.
    public func runIterations(_ count: Int) throws -> UInt64? {
        if count == 1 { return try runIteration() }
        let iteration = code.iteration
        measuredNs.store(Self.unset, ordering: .relaxed)
        measurementStart.store(Self.unset, ordering: .relaxed)
        var remaining = count
        while remaining >= 4 {
            try iteration(self)
            try iteration(self)
            try iteration(self)
            try iteration(self)
            remaining &-= 4
        }
        while remaining > 0 {
            try iteration(self)
            remaining &-= 1
        }
        if measurementStart.load(ordering: .relaxed) != Self.unset { stopMeasurement() }
        let measured = measuredNs.load(ordering: .relaxed)
        return measured == Self.unset ? nil : measured
    }

    public func tearDown() throws {
        try code.tearDown?()
    }
}

/// Consumes a value so the optimizer cannot drop the work that produced it.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

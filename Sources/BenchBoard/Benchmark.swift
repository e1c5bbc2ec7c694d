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
/// `Benchmark+Initializers.swift` adds the other shapes package-benchmark users write: async
/// closures, and setup that hands its result to the closure.
public final class Benchmark: SwiftBenchmark, @unchecked Sendable {
    public typealias Closure = (Benchmark) throws -> Void
    public typealias Hook = () throws -> Void

    public let name: String
    public let configuration: Configuration
    private let closure: Closure
    private let setup: Hook?
    private let teardown: Hook?
    // A benchmark runs on one thread at a time; these only track start/stopMeasurement calls
    // within the current iteration.
    private var measurementStart: UInt64?
    private var measuredNs: UInt64?

    /// Inside `BenchBoard.main(collecting:)` the new benchmark registers itself, so the result
    /// may be dropped as in package-benchmark.
    @discardableResult
    public init(
        _ name: String, configuration: Configuration = .init(), closure: @escaping Closure,
        setup: Hook? = nil, teardown: Hook? = nil
    ) {
        self.name = name
        self.configuration = configuration
        self.closure = closure
        self.setup = setup
        self.teardown = teardown
        BenchmarkCollector.current?.add(self)
    }

    /// `0..<scalingFactor`: loop over it inside the closure.
    public var scaledIterations: Range<Int> { 0..<configuration.scalingFactor.rawValue }

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

    /// The time an async closure measured inside its task: the sample, unless the closure used
    /// start/stopMeasurement itself.
    func recordTaskTime(_ nanoseconds: UInt64) {
        if measuredNs == nil && measurementStart == nil { measuredNs = nanoseconds }
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

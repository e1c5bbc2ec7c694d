import BenchRunner

/// The other shapes package-benchmark users write, so their benchmarks move over unchanged:
///
/// ```swift
/// Benchmark("fetch", configuration: .init(scalingFactor: .kilo, maxDuration: .seconds(2))) { benchmark in
///     for _ in benchmark.scaledIterations { blackHole(await cache.fetch(key)) }
/// }
/// Benchmark("lookup") { benchmark, table in
///     blackHole(table["key-500"])
/// } setup: {
///     makeTable(count: 1_000)
/// }
/// ```
extension Benchmark {
    public typealias AsyncClosure = (Benchmark) async throws -> Void
    public typealias AsyncHook = () async throws -> Void

    /// An `async` closure. Each iteration runs it as a task and waits for it; the sample is the
    /// time from the closure's start to its end (or between start/stopMeasurement), measured in
    /// the task, so the hand-over to the task is not counted.
    @discardableResult
    public convenience init(
        _ name: String, configuration: Configuration = .init(), closure: @escaping AsyncClosure,
        setup: AsyncHook? = nil, teardown: AsyncHook? = nil
    ) {
        self.init(
            name, configuration: configuration,
            closure: { benchmark in
                let elapsed = try AsyncBridge.run {
                    let started = MonotonicClock.now()
                    try await closure(benchmark)
                    return MonotonicClock.now() &- started
                }
                benchmark.recordTaskTime(elapsed)
            },
            setup: setup.map { hook in { try AsyncBridge.run(hook) } },
            teardown: teardown.map { hook in { try AsyncBridge.run(hook) } })
    }

    /// Setup's result handed to every iteration: setup runs once before the warm-up (not
    /// measured) and the closure receives what it returned.
    @discardableResult
    public convenience init<State>(
        _ name: String, configuration: Configuration = .init(),
        closure: @escaping (_ benchmark: Benchmark, _ state: State) throws -> Void,
        setup: @escaping () throws -> State, teardown: Hook? = nil
    ) {
        let holder = StateHolder<State>()
        self.init(
            name, configuration: configuration,
            closure: { benchmark in
                guard let state = holder.state else { throw BenchmarkError.setupDidNotRun(benchmark: name) }
                try closure(benchmark, state)
            },
            setup: { holder.state = try setup() },
            teardown: {
                try teardown?()
                holder.state = nil
            })
    }

    /// Setup's result handed to an `async` closure; setup and teardown may be `async` too.
    @discardableResult
    public convenience init<State>(
        _ name: String, configuration: Configuration = .init(),
        closure: @escaping (_ benchmark: Benchmark, _ state: State) async throws -> Void,
        setup: @escaping () async throws -> State, teardown: AsyncHook? = nil
    ) {
        let holder = StateHolder<State>()
        self.init(
            name, configuration: configuration,
            closure: { (benchmark: Benchmark) async throws in
                guard let state = holder.state else { throw BenchmarkError.setupDidNotRun(benchmark: name) }
                try await closure(benchmark, state)
            },
            setup: { holder.state = try await setup() },
            teardown: {
                try await teardown?()
                holder.state = nil
            })
    }
}

/// Setup's result between setup and the iterations. Not `Sendable`: only the benchmark's own
/// closures capture it, and `BenchmarkCode` says why they are safe to hold in a `Sendable` type.
private final class StateHolder<State> {
    var state: State?
}

import Synchronization

/// Gathers the benchmarks created while package-benchmark's registration closure runs, so its
/// file moves over as it is:
///
/// ```swift
/// let benchmarks: @Sendable () -> Void = {
///     func makeInput() -> [Int] { … }
///     Benchmark("Minimal benchmark") { benchmark in … }
///     Benchmark("With state") { benchmark, input in … } setup: { makeInput() }
/// }
/// BenchBoard.main(collecting: benchmarks)
/// ```
///
/// The collector is a task-local value bound only while that closure runs (not a global), so a
/// `Benchmark` created anywhere else is not registered by accident.
final class BenchmarkCollector: Sendable {
    @TaskLocal static var current: BenchmarkCollector?

    // A task-local value is visible to the tasks the closure starts, so appends are locked; the
    // lock is taken once per benchmark created, never while one runs.
    private let benchmarks = Mutex<[Benchmark]>([])

    func add(_ benchmark: Benchmark) {
        benchmarks.withLock { $0.append(benchmark) }
    }

    /// The benchmarks `register` created, in order.
    static func collect(_ register: () -> Void) -> [Benchmark] {
        let collector = BenchmarkCollector()
        $current.withValue(collector) { register() }
        return collector.benchmarks.withLock { $0 }
    }
}

extension BenchBoard {
    /// Runs package-benchmark's registration closure, then the command line with the benchmarks
    /// it created, as `main(_:)` with an array.
    public static func main(collecting register: () -> Void) -> Never {
        main(BenchmarkCollector.collect(register))
    }
}

extension BenchBoard {
    /// The benchmarks a package-benchmark registration closure creates, to combine with others.
    public static func collect(_ register: () -> Void) -> [Benchmark] {
        BenchmarkCollector.collect(register)
    }
}

/// The closures a benchmark runs, as the user wrote them.
///
/// `@unchecked Sendable` is the one claim about `Benchmark` the compiler cannot check.
/// package-benchmark's closures are neither `@Sendable` nor `sending`, and requiring either would
/// refuse code its users write everywhere (a closure and its setup sharing a fixture, a captured
/// `var` that setup fills), so they may capture values that are not `Sendable`. They are shared
/// safely because they are immutable and only ever called one after another: the iteration engine
/// calls setUp, every iteration and tearDown in turn on the thread that runs the benchmark (the
/// worker's main thread, or the runner's thread in-process), and an async closure runs in a task
/// that thread waits for (`AsyncBridge`). ThreadSanitizer runs of the tests that drive them
/// in process and in workers (PackageBenchmarkAPITests, RunCommandTests, WorkerServerRunTests)
/// report no race.
struct BenchmarkCode: @unchecked Sendable {
    let iteration: Benchmark.Closure
    let setUp: Benchmark.Hook?
    let tearDown: Benchmark.Hook?
}

import BenchIsolation

/// The runner's seam over process execution, like hyperfine's executor trait: start a batch of
/// children of one spec, get back how each ended and what they wrote. `Launcher` is the real one
/// (`PosixSpawner` where there is none, see `ExecutorPlatform`);
/// BenchRunnerTests drive the runner through a fake, without processes.
///
/// Implementations must be safe to `interrupt()` from any thread while `runBatch` blocks another.
public protocol BatchExecutor: AnyObject, Sendable {
    /// What the executor runs children in: decides how each resource limit is enforced.
    var capabilities: LauncherCapabilities { get }
    /// Runs `spec` up to `iterations` times, stopping at the first child that fails. `progress`,
    /// if given, receives each child's report as it ends (with the count so far), on the calling
    /// thread; the whole batch comes back at the end.
    func runBatch(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)?
    ) throws(IsolationError) -> BatchResult
    /// Stops the running batch (its child's group gets its kill signal, SIGKILL after grace) and
    /// every later one; sticky.
    func interrupt()
    /// Ends the executor; anything still running is killed.
    func shutdown()
    /// The process that runs the children (a launcher), if there is one: a child of benchboard
    /// that the orphan killing of another executor must spare.
    var launcherProcessID: Int32? { get }
}

/// Starts executors for a run: once, and again after one died.
public protocol BatchExecutorFactory: Sendable {
    func start() throws(IsolationError) -> any BatchExecutor
}

/// Starts the run's worker server of swift benchmarks, whose own spec comes from the first
/// benchmark that needs it (see `ForkServerFactory`).
protocol WorkerServerFactory: BatchExecutorFactory {
    func prepare(server spec: ChildSpec)
}

extension BatchExecutor {
    public var launcherProcessID: Int32? { nil }

    public func runBatch(_ spec: ChildSpec, iterations: Int) throws(IsolationError) -> BatchResult {
        try runBatch(spec, iterations: iterations, progress: nil)
    }
}

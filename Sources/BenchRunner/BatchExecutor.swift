import BenchIsolation

/// The runner's seam over process execution, like hyperfine's executor trait: start a batch of
/// children of one spec, get back how each ended and what they wrote. `Launcher` is the real one;
/// BenchRunnerTests drive the runner through a fake, without processes.
///
/// Implementations must be safe to `interrupt()` from any thread while `runBatch` blocks another.
public protocol BatchExecutor: AnyObject, Sendable {
    /// What the executor runs children in: decides how each resource limit is enforced.
    var capabilities: LauncherCapabilities { get }
    /// Runs `spec` up to `iterations` times, stopping at the first child that fails.
    func runBatch(_ spec: ChildSpec, iterations: Int) throws(IsolationError) -> BatchResult
    /// Stops the running batch (its child's group gets its kill signal, SIGKILL after grace) and
    /// every later one; sticky.
    func interrupt()
    /// Ends the executor; anything still running is killed.
    func shutdown()
}

/// Starts executors for a run: once, and again after one died.
public protocol BatchExecutorFactory: Sendable {
    func start() throws(IsolationError) -> any BatchExecutor
}

extension Launcher: BatchExecutor {
    public func runBatch(_ spec: ChildSpec, iterations: Int) throws(IsolationError) -> BatchResult {
        try run(spec, iterations: iterations)
    }
}

import BenchIsolation

/// The executor where the launcher is not available (see `ExecutorPlatform`): nothing to locate
/// or start, so it never fails.
struct PosixSpawnerFactory: BatchExecutorFactory {
    func start() throws(IsolationError) -> any BatchExecutor {
        PosixSpawner()
    }
}

extension PosixSpawner: BatchExecutor {
    public func runBatch(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)?
    ) throws(IsolationError) -> BatchResult {
        try run(spec, iterations: iterations, progress: progress)
    }
}

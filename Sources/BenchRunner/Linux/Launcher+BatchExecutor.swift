#if os(Linux) && !BENCHBOARD_PORTABLE
import BenchIsolation

extension Launcher: BatchExecutor {
    public var launcherProcessID: Int32? { processID }

    public func runBatch(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)?
    ) throws(IsolationError) -> BatchResult {
        try run(spec, iterations: iterations, progress: progress)
    }
}
#endif

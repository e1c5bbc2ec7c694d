#if os(Linux) && !BENCHBOARD_PORTABLE
import BenchIsolation
import Foundation
import Synchronization

/// Starts the run's fork server (see `ForkServer`) through a launcher of its own. The server's
/// spec (its environment is read once at its start) is that of the swift benchmark that needs
/// it, handed in by `prepare` just before the session asks for an executor.
final class ForkServerFactory: WorkerServerFactory {
    private let environment: [String: String]
    private let server = Mutex<ChildSpec?>(nil)

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// How to start the server: its arguments without the pipe folder, which the client appends.
    func prepare(server spec: ChildSpec) {
        server.withLock { $0 = spec }
    }

    func start() throws(IsolationError) -> any BatchExecutor {
        guard let spec = server.withLock({ $0 }) else { throw .workerServerFailed("nothing asked for it") }
        let launcher = try Launcher.locate(environment: environment)
        let temporary = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return try ForkServerClient(
            launcherPath: launcher, server: spec, temporaryDirectory: temporary,
            useCgroups: environment["BENCHBOARD_CGROUPS"] != "0")
    }
}

/// One forked child per batch: the fork server runs each job once.
extension ForkServerClient: BatchExecutor {
    /// Swift benchmarks with limits run in an exec'd worker instead, so none are enforced here.
    public var capabilities: LauncherCapabilities { LauncherCapabilities() }

    public var launcherProcessID: Int32? { launcherProcess }

    public func runBatch(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)?
    ) throws(IsolationError) -> BatchResult {
        let batch = try run(spec)
        for (index, iteration) in batch.iterations.enumerated() { progress?(iteration, index + 1) }
        return batch
    }
}
#endif

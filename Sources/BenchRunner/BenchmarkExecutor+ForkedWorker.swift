import BenchConfig
import BenchIsolation
import BenchModel

extension BenchmarkExecutor {
    /// In a child forked by the run's fork server (see `ForkServer`). What happens when the server
    /// or the child cannot be started, or the server fails, is the fallback rule's (`withoutWorker`);
    /// a crash, timeout or failure of the child is a result.
    func runSwiftIsolated(_ spec: BenchmarkSpec, name: String, benchmark: any SwiftBenchmark) -> BenchmarkResult? {
        guard let executable = workerExecutable else {
            return withoutWorker(spec, benchmark: benchmark, .noExecutable, started: nil, limits: nil)
        }
        // The first benchmark also pays for starting the server: that is part of what isolation costs.
        let started = MonotonicClock.now()
        serverFactory?.prepare(server: childSpec(spec, arguments: [executable, "worker-server"]))
        guard let server = workerServers.current() else {
            let problem = workerServers.problem ?? "no worker server"
            return withoutWorker(spec, benchmark: benchmark, .noWorkerServer(problem), started: nil, limits: nil)
        }
        // A job of the server names the body to run, without an executable: the server forks itself.
        let arguments = WorkerInvocation(spec, name: name, clockCostNs: clockCostNs).arguments
        let limits = LimitPolicy.applied(spec.limits, capabilities: server.capabilities)
        let batch: BatchResult
        do {
            batch = try runWorkerBatch(spec, on: server, arguments: arguments)
        } catch {
            // A request it was never sent leaves the server as good as it was.
            if case .invalidSpec = error {} else {
                workerServers.discard(because: error.description, keeping: launchers.processIDs)
            }
            return withoutWorker(spec, benchmark: benchmark, .executorFailed(error.description), started: started, limits: nil)
        }
        return workerResult(spec, batch, started: started, limits: limits, benchmark: benchmark)
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

extension BenchmarkExecutor {
    /// In an exec'd worker of its own, started by the run's launcher, which sets the benchmark's
    /// resource limits on it (the fork server's children share the server's limits and cgroup).
    /// Only limited benchmarks come here, so the fallback rule (`withoutWorker`) never runs them
    /// in-process: whatever keeps the worker from running ends the benchmark `error`.
    func runSwiftWorker(_ spec: BenchmarkSpec, name: String, benchmark: any SwiftBenchmark) -> BenchmarkResult? {
        guard let executable = workerExecutable else {
            return withoutWorker(spec, benchmark: benchmark, .noExecutable, started: nil, limits: nil)
        }
        guard let launcher = launchers.current() else {
            let problem = launchers.problem ?? "no launcher"
            return withoutWorker(spec, benchmark: benchmark, .noLauncher(problem), started: nil, limits: nil)
        }
        let arguments = [executable] + WorkerInvocation(spec, name: name, clockCostNs: clockCostNs).arguments
        let started = MonotonicClock.now()
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        let batch: BatchResult
        do {
            batch = try runWorkerBatch(spec, on: launcher, arguments: arguments)
        } catch {
            launchers.discard(because: error.description, keeping: workerServers.processIDs)
            return withoutWorker(spec, benchmark: benchmark, .executorFailed(error.description), started: started, limits: limits)
        }
        return workerResult(spec, batch, started: started, limits: limits, benchmark: benchmark)
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

extension BenchmarkExecutor {
    /// In a child forked by the run's fork server (see `ForkServer`). Only a server or child that
    /// cannot be started at all falls back to in-process; a crash, timeout or failure is a result.
    func runSwiftIsolated(_ spec: BenchmarkSpec, name: String, benchmark: any SwiftBenchmark) -> BenchmarkResult? {
        guard let executable = workerExecutable else {
            progress.warning("\(spec.name): cannot locate benchboard's own executable; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        // The first benchmark also pays for starting the server: that is part of what isolation costs.
        let started = MonotonicClock.now()
        serverFactory?.prepare(server: childSpec(spec, arguments: [executable, "worker-server"]))
        guard let server = workerServers.current() else {
            progress.warning(
                once: "worker-server",
                "The swift benchmark worker could not be started. \(workerServers.problem ?? "no worker server") Swift benchmarks run in-process (mode: fallback).",
                repeat: "\(spec.name): no worker; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        // A job of the server names the body to run, without an executable: the server forks itself.
        let arguments = WorkerInvocation(spec, name: name).arguments
        let limits = LimitPolicy.applied(spec.limits, capabilities: server.capabilities)
        progress.phase(spec, "worker: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        let batch: BatchResult
        do {
            batch = try server.runBatch(childSpec(spec, arguments: arguments), iterations: 1)
        } catch {
            // The server had started, so this is not a reason to run the benchmark in-process.
            // A request it was never sent leaves it as good as it was.
            if case .invalidSpec = error {} else {
                workerServers.discard(because: error.description, keeping: launchers.processIDs)
            }
            return failure(spec, mode: .isolated, FailureDescription(outcome: .error, error: error.description),
                           totalMs: Self.milliseconds(since: started))
        }
        return workerResult(spec, batch, started: started, limits: limits, benchmark: benchmark)
    }
}

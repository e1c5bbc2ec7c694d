import BenchConfig
import BenchIsolation
import BenchModel

extension BenchmarkExecutor {
    /// In an exec'd worker of its own, started by the run's launcher, which sets the benchmark's
    /// resource limits on it (the fork server's children share the server's limits and cgroup).
    func runSwiftWorker(_ spec: BenchmarkSpec, name: String, benchmark: any SwiftBenchmark) -> BenchmarkResult? {
        guard let executable = workerExecutable else {
            progress.warning("\(spec.name): cannot locate benchboard's own executable; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        guard let launcher = launchers.current() else {
            progress.warning(
                once: "launcher",
                "\(launchers.problem ?? "no launcher"). Swift benchmarks with limits run in-process (mode: fallback); command benchmarks cannot run.",
                repeat: "\(spec.name): no launcher; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        let arguments = [executable] + WorkerInvocation(spec, name: name).arguments
        let started = MonotonicClock.now()
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        progress.phase(spec, "worker: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        let batch: BatchResult
        do {
            batch = try launcher.runBatch(childSpec(spec, arguments: arguments), iterations: 1)
        } catch {
            launchers.discard(because: error.description, keeping: workerServers.processIDs)
            progress.warning("\(spec.name): \(error.description); running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        return workerResult(spec, batch, started: started, limits: limits, benchmark: benchmark)
    }
}

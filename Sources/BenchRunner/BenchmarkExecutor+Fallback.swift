import BenchConfig
import BenchModel

/// Why a swift benchmark's worker did not run it to the end of its own accord.
enum WorkerObstacle: Equatable {
    /// benchboard cannot find its own executable to start a worker from.
    case noExecutable
    /// The run's fork server could not be started.
    case noWorkerServer(String)
    /// The run's launcher could not be started.
    case noLauncher(String)
    /// The worker process itself could not be spawned.
    case spawnFailed(String)
    /// The launcher or fork server failed once the worker was asked for: the benchmark may have
    /// run part way, and its process may have crashed it.
    case executorFailed(String)
    /// This platform, or this build, has no worker processes at all: the notice said once, and
    /// the reason a limited benchmark's error gives (`IsolationPlatform`).
    case platform(notice: String, reason: String)
}

extension BenchmarkExecutor {
    /// The one fallback rule (DESIGN.md, "Fallback"). A swift benchmark meant for a worker runs
    /// in-process instead (mode: fallback) only when the worker could not be started at all, and
    /// only when it has no resource limits: in-process nothing would enforce them. Anything else
    /// ends it `error`, with the reason: an executor that failed under a started worker may have
    /// been brought down by the benchmark itself. A crash or timeout of the worker is a result of
    /// its own (`failedResult`) and never comes here. A worker of another executable (`foreignWorker`)
    /// never falls back either: this process holds only its own build's closures.
    func withoutWorker(
        _ spec: BenchmarkSpec, benchmark: any SwiftBenchmark, _ obstacle: WorkerObstacle, started: UInt64?,
        limits: [AppliedLimit]?
    ) -> BenchmarkResult? {
        func refused() -> BenchmarkResult {
            var result = failure(
                spec, mode: .isolated, FailureDescription(outcome: .error, error: Self.refusal(spec, obstacle, foreignWorker: foreignWorker)),
                totalMs: started.map(Self.milliseconds(since:)) ?? 0)
            result.limits = limits
            return result
        }
        guard spec.limits.isEmpty, !foreignWorker else { return refused() }
        switch obstacle {
        case .executorFailed:
            return refused()
        case .noExecutable:
            progress.warning("\(spec.name): cannot locate benchboard's own executable; running it in-process")
        case .noWorkerServer(let problem):
            progress.warning(
                once: "worker-server",
                "The swift benchmark worker could not be started. \(problem) Swift benchmarks run in-process (mode: fallback).",
                repeat: "\(spec.name): no worker; running it in-process")
        case .noLauncher(let problem):
            progress.warning("\(spec.name): no launcher (\(problem)); running it in-process")
        case .spawnFailed(let message):
            progress.warning("\(spec.name): the worker could not be started (\(message)); running it in-process")
        case .platform(let notice, _):
            progress.warning(once: ExecutorPlatform.noticeKey, notice)
        }
        return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
    }

    /// The error of a benchmark that the rule keeps from running in-process.
    private static func refusal(_ spec: BenchmarkSpec, _ obstacle: WorkerObstacle, foreignWorker: Bool) -> String {
        let reason = switch obstacle {
        case .noExecutable: "cannot locate benchboard's own executable to start its worker"
        case .noWorkerServer(let problem), .noLauncher(let problem): "could not be started: \(problem)"
        case .spawnFailed(let message): "the worker could not be started: \(message)"
        case .executorFailed(let reason): reason
        case .platform(_, let reason): reason
        }
        if foreignWorker {
            // In-process would run this executable's closure, not the other build's.
            return reason + (reason.hasSuffix(".") ? " " : ". ")
                + "Its worker is another executable, so it does not run in-process instead."
        }
        guard !spec.limits.isEmpty else { return reason }
        let keys = LimitedResource.allCases.filter { spec.limits[$0] != nil }.map(\.configKey)
        // Reasons from the isolation layer are sentences with their own full stop.
        return reason + (reason.hasSuffix(".") ? " " : ". ") + "It has resource limits (" + keys.joined(separator: ", ")
            + "), so it does not run in-process, where nothing would enforce them."
    }
}

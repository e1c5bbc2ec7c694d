import BenchConfig
import BenchIsolation
import BenchModel
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one benchmark of a plan and turns what happened into a `BenchmarkResult`. A failing
/// benchmark is a result, never an error of the run.
///
/// The ways a benchmark runs live in files of their own: `+Command` (a program, one child per
/// iteration), `+ForkedWorker` and `+ExecdWorker` (a swift benchmark in a worker process, with
/// `+WorkerResult` reading what it sent), `+InProcess`, `+Instructions` (under valgrind),
/// `+Results`, which turns what ran into a record, and `+Fallback`, the one rule for when a swift
/// benchmark may run in-process instead of isolated.
///
/// Sendable by its fields alone: each is an immutable `let` of a Sendable type (the sessions, the
/// interruption and the progress reporter keep their mutable state behind a `Mutex` of their own).
final class BenchmarkExecutor: Sendable {
    let plan: RunPlan
    let registry: [String: any SwiftBenchmark]
    let parentEnvironment: [String: String]
    let launchers: LauncherSession
    /// The run's fork server, under a launcher of its own.
    let workerServers: LauncherSession
    /// How the fork server is started; nil when an injected factory answers for it (tests).
    let serverFactory: (any WorkerServerFactory)?
    /// Nil where benchboard isolates (Linux); else what runs differently here (see
    /// `IsolationPlatform.limitation`): swift benchmarks run in-process, said once.
    let platformLimitation: String?
    let interruption: Interruption
    let progress: ProgressReporter
    /// Where the worker is started from: this very executable, resolved so the launcher can exec it,
    /// or another build's executable of the same product (`benchboard ab`'s base).
    let workerExecutable: String?
    /// What a clock read costs on this machine, measured once as the run starts (`ClockCost`): the
    /// run records it, and swift benchmarks size their batches from it.
    let clockCostNs: Double
    /// True when the worker is another executable: its benchmarks are not this process's closures,
    /// so nothing may run in-process in its place (see `withoutWorker`).
    let foreignWorker: Bool
    /// Where children start: the config's folder, or another tree's copy of it (`benchboard ab`'s base).
    let workingDirectory: String

    init(
        plan: RunPlan, registry: [String: any SwiftBenchmark], parentEnvironment: [String: String],
        launchers: LauncherSession, workerServers: LauncherSession, serverFactory: (any WorkerServerFactory)?,
        platformLimitation: String? = nil, interruption: Interruption, progress: ProgressReporter,
        workerExecutable: String? = nil, workingDirectory: String? = nil
    ) {
        self.platformLimitation = platformLimitation
        self.plan = plan
        self.registry = registry
        self.parentEnvironment = parentEnvironment
        self.launchers = launchers
        self.workerServers = workerServers
        self.serverFactory = serverFactory
        self.interruption = interruption
        self.progress = progress
        self.workerExecutable = workerExecutable ?? SelfExecutable.path()
        self.foreignWorker = workerExecutable != nil
        self.workingDirectory = workingDirectory ?? plan.config.baseDirectory
        self.clockCostNs = ClockCost.measure()
    }

    /// Nil when the run was interrupted before this benchmark finished: a partial benchmark is
    /// not recorded.
    func run(_ spec: BenchmarkSpec) -> BenchmarkResult? {
        switch spec.definition {
        case .command(let arguments) where spec.metric == .instructions:
            return runCommandCountingInstructions(spec, arguments: arguments)
        case .command(let arguments):
            return runCommand(spec, arguments: arguments)
        case .swift(let name):
            guard let benchmark = registry[name] else {
                // Config validation refuses unknown names; this guards a registry that changed underneath.
                return failure(spec, mode: .isolated, FailureDescription(
                    outcome: .error, error: "no swift benchmark named '\(name)' is registered"), totalMs: 0)
            }
            // Instructions are counted by running the worker under valgrind, whatever the isolation setting.
            if spec.metric == .instructions {
                return runSwiftCountingInstructions(spec, name: name)
            }
            // No worker of any kind here: in-process, unless it has limits (the fallback rule).
            if plan.isolation, let platformLimitation {
                let obstacle = WorkerObstacle.platform(notice: platformLimitation, reason: ExecutorPlatform.unavailable)
                return withoutWorker(spec, benchmark: benchmark, obstacle, started: nil, limits: nil)
            }
            // Limits are set by the launcher on the processes it starts, so a limited benchmark
            // gets an exec'd worker of its own instead of a child of the shared fork server.
            if plan.isolation, !spec.limits.isEmpty {
                return runSwiftWorker(spec, name: name, benchmark: benchmark)
            }
            if plan.isolation {
                return runSwiftIsolated(spec, name: name, benchmark: benchmark)
            }
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .inProcess)
        }
    }

    /// The child that runs `arguments` for `spec`: its clean environment, folder, timeout and limits.
    func childSpec(_ spec: BenchmarkSpec, arguments: [String]) -> ChildSpec {
        let environment = spec.kind == .swift
            ? ChildEnvironment.makeForWorker(for: spec, inheritingFrom: parentEnvironment)
            : ChildEnvironment.make(for: spec, inheritingFrom: parentEnvironment)
        return ChildSpec(
            arguments: arguments,
            environment: environment,
            workingDirectory: workingDirectory,
            timeoutMs: spec.timeoutMs, graceMs: spec.graceMs,
            killSignal: SignalName.number(of: spec.killSignal) ?? SIGTERM,
            limits: LimitPolicy.childLimits(spec.limits))
    }

    static func milliseconds(since start: UInt64) -> Double {
        Double(MonotonicClock.now() - start) / 1_000_000
    }
}

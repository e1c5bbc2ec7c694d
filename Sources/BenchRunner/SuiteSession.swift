import BenchModel
import Foundation

/// One suite while it runs: its launchers and fork server, its executor and each benchmark's
/// rounds so far. `SuiteRunner.run()` steps one session round by round; `PairedSuiteRunner` steps
/// two (A/B) benchmark by benchmark, so each process of one build runs next to the same
/// benchmark's process of the other.
///
/// Not Sendable: it is stepped by one thread. The signal monitor's thread gets `interrupter`.
final class SuiteSession {
    let runner: SuiteRunner
    let interruption: Interruption
    private let startedAt = Date()
    private let startedClock = MonotonicClock.now()
    private let launchers: LauncherSession
    private let workerServers: LauncherSession
    private let progress: ProgressReporter
    private let executor: BenchmarkExecutor
    private let clockCostNs: Double
    /// Each benchmark of the plan, in the plan's order, with its rounds so far.
    private(set) var benchmarks: [RoundResults]

    init(runner: SuiteRunner, interruption: Interruption) {
        self.runner = runner
        self.interruption = interruption
        launchers = LauncherSession(factory: runner.executors)
        // The fork server runs under a launcher of its own; an injected factory answers for it too.
        let serverFactory = runner.injectedExecutors ? nil : ExecutorPlatform.workerServers(environment: runner.environment)
        workerServers = LauncherSession(factory: serverFactory ?? runner.executors)
        progress = ProgressReporter(terminal: runner.terminal, style: runner.style, quiet: runner.quiet)
        executor = BenchmarkExecutor(
            plan: runner.plan, registry: runner.registry, parentEnvironment: runner.environment, launchers: launchers,
            workerServers: workerServers, serverFactory: serverFactory,
            platformLimitation: runner.injectedExecutors ? nil : ExecutorPlatform.limitation,
            interruption: interruption, progress: progress, workerExecutable: runner.workerExecutable,
            workingDirectory: runner.workingDirectory)
        clockCostNs = executor.clockCostNs
        let executor = executor
        benchmarks = runner.plan.benchmarks.map { RoundResults(spec: $0, split: executor.split($0)) }
        runner.journal?.started(runner.record(
            startedAt: startedAt, finishedAt: startedAt, interrupted: false, results: [], clockCostNs: clockCostNs))
        progress.start(total: runner.plan.benchmarks.count)
    }

    /// The most rounds any benchmark runs.
    var lastRound: Int { benchmarks.map(\.split.count).max() ?? 0 }

    /// Runs round `round` of the benchmark at `index` and journals the result so far. False when
    /// the run was interrupted (before or during the round): stop stepping.
    func runRound(_ round: Int, benchmark index: Int) -> Bool {
        if interruption.isSet { return false }
        progress.begin(benchmarks[index].spec, position: index + 1, round: round, of: benchmarks[index].split.count)
        guard executor.runRound(round, of: &benchmarks[index]), let result = executor.merged(benchmarks[index]) else {
            return false
        }
        // The result so far replaces the one journaled after the previous round.
        runner.journal?.finished(result)
        if benchmarks[index].isDone { progress.finished(result) }
        return true
    }

    /// The record of every round that finished (an interrupted run keeps them all).
    func finish() -> SuiteRunResult {
        let results = benchmarks.compactMap { executor.merged($0) }
        progress.clearLiveLine()
        let finished = runner.record(
            startedAt: startedAt, finishedAt: Date(), interrupted: interruption.isSet, results: results,
            clockCostNs: clockCostNs)
        return SuiteRunResult(
            record: finished, interruptedBy: interruption.signal,
            wallSeconds: Double(MonotonicClock.now() - startedClock) / 1e9)
    }

    /// What stops the running child at once, for the signal monitor's thread: it holds only the
    /// launcher sessions, which are `Sendable`.
    var interrupter: @Sendable () -> Void {
        let launchers = launchers
        let workerServers = workerServers
        return {
            launchers.interrupt()
            workerServers.interrupt()
        }
    }

    /// Shuts the fork server and the launchers down; each session's orphan killing spares the
    /// other's launcher while it still runs.
    func close() {
        workerServers.shutdown(keeping: launchers.processIDs)
        launchers.shutdown()
    }
}

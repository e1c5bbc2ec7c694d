import BenchConfig
import BenchModel
import BenchTerminal
import Foundation

/// What a run produced: the record to store, and whether a signal cut it short.
public struct SuiteRunResult: Sendable {
    public var record: RunRecord
    /// SIGINT, SIGTERM or SIGHUP when the run was interrupted.
    public var interruptedBy: Int32?
    /// Wall time of the whole run; the record's dates are whole seconds.
    public var wallSeconds: Double
}

/// Runs every benchmark of a plan in rounds across the suite (see `RoundSplit`) and assembles
/// the run record.
public struct SuiteRunner: Sendable {
    let plan: RunPlan
    let registry: [String: any SwiftBenchmark]
    let environment: [String: String]
    let terminal: Terminal
    let buildConfiguration: String
    let quiet: Bool
    let identity: RunIdentity
    let executors: any BatchExecutorFactory
    let injectedExecutors: Bool
    let holdSignals: Bool
    let style: ProgressStyle
    let journal: (any RunJournaling)?
    let workerExecutable: String?
    let workingDirectory: String?

    /// `style` formats the lines printed while running (the command hands in the report stage's).
    /// `executors` defaults to the real launcher. With `holdSignalsAfterRun`, SIGINT, SIGTERM and
    /// SIGHUP stay caught (and dropped) after `run()` returns, until the caller has stored the run
    /// and calls `InterruptMonitor.restoreDefaults()`. `journal` gets each benchmark's result after
    /// each of its rounds.
    ///
    /// `workerExecutable` runs swift benchmarks' workers (and fork server) from another executable
    /// of the same product instead of this one, and `workingDirectory` starts every child in
    /// another folder instead of the config's: how `benchboard ab` runs the base build's suite.
    /// A swift benchmark whose worker is another executable never falls back to in-process.
    public init(
        plan: RunPlan, registry: [String: any SwiftBenchmark], environment: [String: String],
        terminal: Terminal, buildConfiguration: String, identity: RunIdentity, quiet: Bool = false,
        style: ProgressStyle = .plain, executors: (any BatchExecutorFactory)? = nil, holdSignalsAfterRun: Bool = false,
        journal: (any RunJournaling)? = nil, workerExecutable: String? = nil, workingDirectory: String? = nil
    ) {
        self.workerExecutable = workerExecutable
        self.workingDirectory = workingDirectory
        self.journal = journal
        self.style = style
        self.holdSignals = holdSignalsAfterRun
        self.plan = plan
        self.registry = registry
        self.environment = environment
        self.terminal = terminal
        self.buildConfiguration = buildConfiguration
        self.quiet = quiet
        self.identity = identity
        self.executors = executors ?? ExecutorPlatform.launchers(environment: environment)
        self.injectedExecutors = executors != nil
    }

    public func run() -> SuiteRunResult {
        let interruption = Interruption()
        let session = SuiteSession(runner: self, interruption: interruption)
        let interrupt = session.interrupter
        // Interrupts stop the running child at once; the loop below notices and stops too.
        let monitor = InterruptMonitor { signal in
            interruption.set(signal)
            interrupt()
        }
        defer {
            monitor.cancel(restoringDefaults: !holdSignals)
            session.close()
        }
        // Round 1 runs every benchmark once, round 2 every benchmark that has a second round, and
        // so on: drift and process modes spread over all benchmarks instead of landing on one.
        rounds: for round in 1...max(1, session.lastRound) {
            for index in session.benchmarks.indices where session.benchmarks[index].runs(in: round) {
                guard session.runRound(round, benchmark: index) else { break rounds }
            }
        }
        return session.finish()
    }

    /// The run record, the same at the start (for the journal) and at the end. Whole seconds:
    /// that is what the history file keeps, so the record in memory and the one read back are equal.
    func record(
        startedAt: Date, finishedAt: Date, interrupted: Bool, results: [BenchmarkResult], clockCostNs: Double
    ) -> RunRecord {
        RunRecord(
            id: identity.id, startedAt: startedAt.wholeSeconds, startedAtUnixNs: startedAt.unixNanoseconds,
            finishedAt: finishedAt.wholeSeconds, interrupted: interrupted,
            isolation: plan.isolation, buildConfiguration: buildConfiguration, title: plan.config.report.title,
            configPath: plan.config.sourcePath, git: identity.git, machine: identity.machine, benchmarks: results,
            selection: plan.selection, clockCostNs: clockCostNs)
    }
}

extension Date {
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }

    /// Nanoseconds since 1970 whose whole seconds are exactly `wholeSeconds`, so the record's two
    /// start fields agree.
    var unixNanoseconds: Int64 {
        let seconds = timeIntervalSince1970.rounded(.down)
        let fraction = min(999_999_999, max(0, ((timeIntervalSince1970 - seconds) * 1e9).rounded(.down)))
        return Int64(seconds) * 1_000_000_000 + Int64(fraction)
    }
}

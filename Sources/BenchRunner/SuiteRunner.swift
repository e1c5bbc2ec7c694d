import BenchConfig
import BenchHistory
import BenchModel
import Foundation

/// What a run produced: the record to store, and whether a signal cut it short.
public struct SuiteRunResult: Sendable {
    public var record: RunRecord
    /// SIGINT or SIGTERM when the run was interrupted.
    public var interruptedBy: Int32?
}

/// Runs every benchmark of a plan, one after the other, and assembles the run record.
public final class SuiteRunner: @unchecked Sendable {
    private let plan: RunPlan
    private let registry: [String: any SwiftBenchmark]
    private let environment: [String: String]
    private let terminal: Terminal
    private let buildConfiguration: String
    private let quiet: Bool

    public init(
        plan: RunPlan, registry: [String: any SwiftBenchmark], environment: [String: String],
        terminal: Terminal, buildConfiguration: String, quiet: Bool = false
    ) {
        self.plan = plan
        self.registry = registry
        self.environment = environment
        self.terminal = terminal
        self.buildConfiguration = buildConfiguration
        self.quiet = quiet
    }

    public func run() -> SuiteRunResult {
        let startedAt = Date()
        let interruption = Interruption()
        let launchers = LauncherSession(environment: environment)
        let progress = ProgressReporter(terminal: terminal, quiet: quiet)
        // Interrupts stop the running child at once; the loop below notices and stops too.
        let monitor = InterruptMonitor { signal in
            interruption.set(signal)
            launchers.interrupt()
        }
        defer {
            monitor.cancel()
            launchers.shutdown()
        }
        let git = GitProbe.current(in: plan.config.baseDirectory)
        let machine = MachineProbe.current()
        let executor = BenchmarkExecutor(
            plan: plan, registry: registry, parentEnvironment: environment, launchers: launchers,
            interruption: interruption, progress: progress)

        progress.start(total: plan.benchmarks.count)
        var results: [BenchmarkResult] = []
        for (index, spec) in plan.benchmarks.enumerated() {
            if interruption.isSet { break }
            progress.begin(spec, position: index + 1)
            guard let result = executor.run(spec) else { break }
            results.append(result)
            progress.finished(result)
        }
        progress.clearLiveLine()

        let record = RunRecord(
            id: RunID.make(), startedAt: startedAt, finishedAt: Date(), interrupted: interruption.isSet,
            isolation: plan.isolation, buildConfiguration: buildConfiguration, title: plan.config.report.title,
            configPath: plan.config.sourcePath, git: git, machine: machine, benchmarks: results)
        return SuiteRunResult(record: record, interruptedBy: interruption.signal)
    }
}

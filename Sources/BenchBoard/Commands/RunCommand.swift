import ArgumentParser
import BenchConfig
import BenchHistory
import BenchIsolation
import BenchReport
import BenchRunner
import BenchTerminal
import Foundation

struct RunCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the suite, store the run in the history folder, and write the reports.")

    @OptionGroup var configOptions: ConfigOptions

    @Flag(
        inversion: .prefixedNo,
        help: "Run swift benchmarks each in its own worker process (default), or in-process. Overrides BENCHMARK_ISOLATION and [features] isolated_benchmarks.")
    var isolation: Bool?

    @Option(help: ArgumentHelp(NamePatternHelp.filter, valueName: "regex"))
    var filter: String?

    @Option(help: ArgumentHelp(
        ShardArgument.help + " An empty shard exits 0 with a note and writes no run file.",
        valueName: "i/n"))
    var shard: String?

    @Option(help: ArgumentHelp(
        "Measure every benchmark in this many rounds (worker processes of a Swift benchmark), its iterations split over them; overrides `rounds` in config.toml (1…\(ConfigLimits.maxRounds)).",
        valueName: "n"))
    var rounds: Int?

    @Flag(help: "Store the run but do not render the reports.")
    var noReport = false

    @Option(help: ArgumentHelp("The run the reports compare against: previous, RUN-ID, branch:NAME, commit:SHA, a run file or a folder (see `benchboard compare --help`).", valueName: "baseline"))
    var baseline: String?

    @OptionGroup var pullRequest: MergeBaseOption

    @Flag(name: .shortAndLong, help: "Print only the closing summary.")
    var quiet = false

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let config = try context.loadConfig(configOptions.config)
        let decided: (enabled: Bool, source: String)
        do {
            decided = try IsolationSetting.resolve(flag: isolation, environment: context.environment, file: config.isolatedBenchmarks)
        } catch {
            throw CLIError(error.description)
        }
        let selectedShard = try ShardArgument.parse(shard)
        if let rounds, !(1...ConfigLimits.maxRounds).contains(rounds) {
            throw CLIError("--rounds must be a whole number from 1 to \(ConfigLimits.maxRounds), got \(rounds)")
        }
        context.noteUnconfiguredBenchmarks(in: config)
        let plan: RunPlan
        do {
            plan = try Planner.plan(
                config: config, isolation: decided.enabled, isolationSource: decided.source, filter: filter,
                shard: selectedShard, rounds: rounds)
        } catch {
            throw CLIError(error.description)
        }
        if plan.benchmarks.isEmpty, let selectedShard {
            // A CI matrix may have more jobs than the suite has benchmarks: that job has nothing to
            // do, which is no failure. It writes no run file (an empty run would become the
            // history's "latest run" with nothing in it) and no reports.
            TerminalOutput.standardOutput.line(
                ShardArgument.emptyNote(selectedShard, filtered: filter != nil) + " Nothing ran and no run file was written.")
            return CLIExit.success
        }
        // Counting instructions needs valgrind: say so before anything runs, not once per benchmark.
        do {
            _ = try plan.valgrind(environment: context.environment)
        } catch {
            throw CLIError(error.description)
        }
        if context.buildConfiguration == "debug" {
            TerminalOutput.standardError.line(context.terminal.paint(TerminalSummary.debugBuildWarning, .yellow))
        }

        // Orphaned descendants of a benchmark (its launcher killed, say) are reparented to us, not
        // to init, so the runner can kill and reap them (see Containment; Linux only).
        IsolationPlatform.adoptOrphans()
        let identity = RunIdentity(
            id: RunID.make(), git: GitProbe.current(in: plan.config.baseDirectory), machine: MachineProbe.current())
        let store = config.report.historyLocation().store
        // A run that died before (a crash, SIGKILL) left its finished results in a journal.
        JournalRecoveryNotes(context: context).recoverQuietly(store)
        let journal = HistoryJournal(store: store) { message in
            TerminalOutput.standardError.line(context.terminal.paint("warning:", .yellow) + " " + message)
        }
        let result = SuiteRunner(
            plan: plan, registry: context.registry, environment: context.environment, terminal: context.terminal,
            buildConfiguration: context.buildConfiguration, identity: identity, quiet: quiet,
            style: .report(context.terminal.painter), holdSignalsAfterRun: true, journal: journal
        ).run()

        // A second signal must not lose the finished results: it is dropped until they are stored.
        defer { InterruptMonitor.restoreDefaults() }
        let historyFile: URL
        do {
            historyFile = try store.write(result.record)
        } catch {
            // The journal stays: the next run, report or recover stores what finished.
            throw CLIError("the run could not be stored: \(error.description)")
        }
        journal.remove()
        InterruptMonitor.restoreDefaults()
        TerminalOutput.standardOutput.line(
            TerminalSummary.render(result.record, wallSeconds: result.wallSeconds, historyFile: context.displayPath(historyFile), painter: context.terminal.painter))

        if result.interruptedBy != nil { return CLIExit.interrupted }
        if !noReport {
            let written = try ReportPublisher(context: context, settings: config.report).publish(baseline: baseline, mergeBase: pullRequest.mergeBase)
            TerminalOutput.standardOutput.line(ReportPublisher.announcement(written, context: context))
        }
        if context.buildConfiguration == "debug" {
            TerminalOutput.standardError.line(context.terminal.paint(TerminalSummary.debugBuildWarning, .yellow))
        }
        let allPassed = result.record.benchmarks.allSatisfy { $0.outcome.isSuccess }
        return allPassed ? CLIExit.success : CLIExit.benchmarkFailed
    }
}

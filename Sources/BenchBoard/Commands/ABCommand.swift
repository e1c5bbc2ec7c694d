import ArgumentParser
import BenchAnalysis
import BenchConfig
import BenchHistory
import BenchIsolation
import BenchModel
import BenchReport
import BenchRunner
import BenchStats
import BenchTerminal
import Foundation

struct ABCommand: ExecutableCommand {
    static let defaultRounds = 24

    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Run the suite from two builds, base and head, alternating in one job, and judge head against base.",
        discussion: """
            The head is this executable and the config's folder; the base is --base-executable (the \
            base build's executable of the same product, for Swift benchmarks) and --base-dir (the \
            base tree's copy of the config's folder, where its commands run). The head's config \
            governs. Each benchmark runs in one process per round and side, and the two processes of \
            a round run back to back (which side goes first alternates), so a pair shares the \
            machine's state. The iterations are divided among the rounds (at least one each). The \
            verdict is judged on the pairs, without history: the pairs are the evidence. A \
            benchmark the rounds found changed runs --confirm-rounds further rounds, and its \
            regression or improvement stands only when those alone agree. A benchmark the base does not \
            have is listed as new; one only the base config names (in --base-dir) as removed.
            Output and exit codes are compare's, with a line saying it was judged A/B.
            """)

    @OptionGroup var configOptions: ConfigOptions

    @Option(help: ArgumentHelp("The base tree's copy of the config's folder: command benchmarks of the base side run there.", valueName: "dir"))
    var baseDir: String?

    @Option(help: ArgumentHelp("The base build's executable of the same product: Swift benchmarks of the base side run in its workers.", valueName: "path"))
    var baseExecutable: String?

    @Option(help: ArgumentHelp("How the base is named in the output, e.g. main (default: the base tree's branch, else the path given).", valueName: "name"))
    var baseLabel: String?

    @Option(help: ArgumentHelp("The base's commit (default: the commit checked out in --base-dir).", valueName: "sha"))
    var baseCommit: String?

    @Option(help: ArgumentHelp("How many rounds: processes per benchmark and side, at least 2.", valueName: "n"))
    var rounds: Int = defaultRounds

    @Option(help: ArgumentHelp(
        "Further rounds for the benchmarks the rounds found changed (p < 0.05 beyond the threshold): a regression or improvement stands only when they alone agree; 6 to 100, or 0 for none. (default: as many as --rounds, at least 6)",
        valueName: "n"))
    var confirmRounds: Int?

    @Option(help: ArgumentHelp(NamePatternHelp.filter, valueName: "regex"))
    var filter: String?

    @Option(help: ArgumentHelp("The smallest change of the median that counts, e.g. 5% or 0.05.", valueName: "percent"))
    var threshold: String?

    @Option(help: "text (aligned, coloured on a terminal), markdown (like summary.md) or json.")
    var format: ComparisonOutput.Format = .text

    @Option(help: ArgumentHelp("Also write the Markdown summary (summary.md) to this file.", valueName: "file"))
    var summary: String?

    @Flag(help: "Exit 1 when any benchmark failed or regressed in time, memory or CPU.")
    var failOnRegression = false

    @Flag(help: "Store the head run in the history, marked as judged A/B against its base.")
    var record = false

    @Flag(help: "With --record, store the base run too (as a run of the base's commit).")
    var keepBase = false

    @Flag(name: .shortAndLong, help: "Print no line per round.")
    var quiet = false

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        guard (2...100).contains(rounds) else {
            throw CLIError("--rounds \(rounds) is out of range; give 2 to 100 (a pair needs both sides, and each round runs the suite twice)")
        }
        let fewestFurther = WilcoxonSignedRank.smallestCount(alpha: ABConfirmation.screenAlpha)
        if let confirmRounds, confirmRounds != 0, !(fewestFurther...100).contains(confirmRounds) {
            throw CLIError("--confirm-rounds \(confirmRounds) is out of range; give \(fewestFurther) to 100 (fewer pairs cannot show p < \(ABConfirmation.screenAlpha)), or 0 for none")
        }
        if keepBase && !record { throw CLIError("--keep-base stores the base run beside the head run: use it with --record") }
        guard baseDir != nil || baseExecutable != nil else {
            throw CLIError("ab needs a base: --base-dir DIR (the base tree's copy of the config's folder, for command benchmarks) and/or --base-executable PATH (the base build's executable, for Swift benchmarks)")
        }
        let commandLineThreshold = try threshold.map(CompareCommand.parseThreshold)
        let config = try context.loadConfig(configOptions.config)
        let plan: RunPlan
        do {
            // ab's own rounds are the processes of each side (`ABSides` sets them on every spec).
            plan = try Planner.plan(
                config: config, isolation: true, isolationSource: "benchboard ab (always isolated)", filter: filter, shard: nil)
        } catch {
            throw CLIError(error.description)
        }
        do {
            _ = try plan.valgrind(environment: context.environment)
        } catch {
            throw CLIError(error.description)
        }
        let cwd = context.currentDirectory
        let baseFolder = try baseDir.map { dir throws(CLIError) in try Self.folder(dir, against: cwd) }
        let baseWorker = try baseExecutable.map { path throws(CLIError) in
            (path: PathResolver.resolve(path, against: cwd), answer: try BaseExecutableProbe.check(PathResolver.resolve(path, against: cwd), as: path))
        }
        if baseWorker == nil, let swift = plan.benchmarks.first(where: { $0.kind == .swift }) {
            throw CLIError("'\(SafeText.escaped(swift.name))' is a Swift benchmark: give --base-executable PATH, the base build's executable of the same product, to run the base side's Swift benchmarks")
        }
        if baseFolder == nil, let command = plan.benchmarks.first(where: { $0.kind == .command }) {
            throw CLIError("'\(SafeText.escaped(command.name))' is a command benchmark: give --base-dir DIR, the base tree's copy of the config's folder, to run the base side's commands in")
        }
        let baseConfig = baseFolder.flatMap { folder in
            Self.baseConfig(in: folder, named: configOptions.config, registered: baseWorker.map { Set($0.answer.benchmarks) }, context: context)
        }
        let sides = ABSides(
            plan: plan, rounds: rounds, baseFolder: baseFolder, baseSwift: baseWorker.map { Set($0.answer.benchmarks) },
            baseConfig: baseConfig)
        for (name, reason) in sides.onlyHead {
            note(context, "'\(SafeText.escaped(name))' runs on the head side only (\(SafeText.escaped(reason))); it is listed as new.")
        }
        if !sides.onlyBase.isEmpty {
            note(context, "\(UnitFormat.count(sides.onlyBase.count, "benchmark")) only the base config names ran on the base side: "
                + sides.onlyBase.map { SafeText.escaped($0) }.joined(separator: ", ") + "; listed as removed.")
        }

        _ = Containment.becomeSubreaper()
        let machine = MachineProbe.current()
        let headGit = GitProbe.current(in: plan.config.baseDirectory)
        var baseGit = baseFolder.flatMap { GitProbe.current(in: $0, environment: [:]) }
        if let baseCommit {
            baseGit = GitInfo(commit: baseCommit, branch: baseGit?.branch, dirty: baseGit?.dirty, subject: baseGit?.subject)
        }
        let baseBuild = baseWorker?.answer.buildConfiguration ?? context.buildConfiguration
        if context.buildConfiguration == "debug" {
            TerminalOutput.standardError.line(context.terminal.paint(TerminalSummary.debugBuildWarning, .yellow))
        }

        // Benchmark by benchmark, the head's and the base's process of each round back to back.
        let runner = { (plan: RunPlan, isHead: Bool) in
            SuiteRunner(
                plan: plan, registry: context.registry, environment: context.environment,
                terminal: context.terminal, buildConfiguration: isHead ? context.buildConfiguration : baseBuild,
                identity: RunIdentity(id: RunID.make(), git: isHead ? headGit : baseGit, machine: machine), quiet: true,
                workerExecutable: isHead ? nil : baseWorker?.path, workingDirectory: isHead ? nil : baseFolder)
        }
        let started = MonotonicClock.now()
        let progress = { (round: Int, of: Int, stage: String) in
            if !quiet {
                TerminalOutput.standardError.line(
                    "\(stage)round \(round)/\(of): " + String(format: "%.1f s", Double(MonotonicClock.now() - started) / 1e9))
            }
        }
        let (headResult, baseResult) = PairedSuiteRunner(first: runner(sides.head, true), second: runner(sides.base, false))
            .run { progress($0, rounds, "") }
        if let signal = headResult.interruptedBy ?? baseResult.interruptedBy {
            TerminalOutput.standardError.line("ab: interrupted (\(SignalName.name(of: signal))); nothing was judged or stored")
            return CLIExit.interrupted
        }

        let label = baseLabel ?? baseGit?.branch ?? baseDir ?? baseExecutable ?? "base"
        var baseRun = baseResult.record
        var headRun = headResult.record
        let options = config.report.analysisOptions(
            commandLineThreshold: commandLineThreshold, benchmarks: headRun.benchmarks.map(\.name))

        // Marked before the screen, so that the screen's comparison (whose caveat names the base)
        // is the verdict itself when nothing needs further rounds.
        headRun.ab = ABBase(label: label, commit: baseGit?.commit, runID: baseRun.id)

        // A change the rounds found is confirmed by further rounds of those benchmarks alone.
        var further: (base: RunRecord, head: RunRecord)?
        let screen = Analyzer.compareAB(base: baseRun, head: headRun, options: options)
        let suspects = ABConfirmation.suspects(screen, options: options)
        let moreRounds = confirmRounds ?? max(rounds, fewestFurther)
        if moreRounds > 0, !suspects.isEmpty {
            if !quiet {
                note(context, "confirming \(UnitFormat.count(suspects.count, "benchmark")) in \(moreRounds) further rounds: "
                    + suspects.map { SafeText.escaped($0) }.joined(separator: ", "))
            }
            let names = Set(suspects)
            var headPlan = sides.head
            var basePlan = sides.base
            headPlan.benchmarks = headPlan.benchmarks.filter { names.contains($0.name) }.map { ABSides.inRounds($0, rounds: moreRounds) }
            basePlan.benchmarks = basePlan.benchmarks.filter { names.contains($0.name) }.map { ABSides.inRounds($0, rounds: moreRounds) }
            let (moreHead, moreBase) = PairedSuiteRunner(first: runner(headPlan, true), second: runner(basePlan, false))
                .run { progress($0, moreRounds, "confirming: ") }
            if let signal = moreHead.interruptedBy ?? moreBase.interruptedBy {
                TerminalOutput.standardError.line("ab: interrupted (\(SignalName.name(of: signal))); nothing was judged or stored")
                return CLIExit.interrupted
            }
            further = (moreBase.record, moreHead.record)
            let suiteThreshold = config.report.regressionThreshold
            baseRun = ABConfirmation.merging(baseRun, further: moreBase.record, suiteThreshold: suiteThreshold)
            headRun = ABConfirmation.merging(headRun, further: moreHead.record, suiteThreshold: suiteThreshold)
        }
        let comparison = further == nil
            ? screen : Analyzer.compareAB(base: baseRun, head: headRun, further: further, options: options)
        let output = ComparisonOutput(settings: config.report, options: options)
        TerminalOutput.standardOutput.line(
            try output.render(comparison, baseline: baseRun, current: headRun, format: format, painter: context.terminal.painter))
        if let summary {
            let markdown = try output.render(comparison, baseline: baseRun, current: headRun, format: .markdown)
            do {
                try Data(markdown.utf8).write(to: URL(fileURLWithPath: PathResolver.resolve(summary, against: cwd)), options: .atomic)
            } catch {
                throw CLIError("the summary could not be written to \(SafeText.escaped(summary)): \(error.localizedDescription)")
            }
        }
        if record {
            let store = config.report.historyLocation().store
            do {
                if keepBase {
                    let file = try store.write(baseRun)
                    TerminalOutput.standardError.line("stored the base run: \(context.displayPath(file))")
                }
                let file = try store.write(headRun)
                TerminalOutput.standardError.line("stored the head run: \(context.displayPath(file))")
            } catch {
                throw CLIError("the run could not be stored: \(error.description)")
            }
        }
        return ComparisonOutput.exitCode(comparison, failOnRegression: failOnRegression)
    }

    private func note(_ context: CommandContext, _ text: String) {
        TerminalOutput.standardError.line(context.terminal.paint("note:", .yellow) + " " + text)
    }

    /// `dir` as an absolute folder; a usage error when it is not one.
    static func folder(_ dir: String, against cwd: String) throws(CLIError) -> String {
        let path = PathResolver.resolve(dir, against: cwd)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("--base-dir \(SafeText.escaped(dir)) is not a folder; give the base tree's copy of the folder that holds the config (for a config at the top of a repository: a checkout of the base)")
        }
        return path
    }

    /// The base tree's own config (the head config's file name in `folder`), whose benchmarks the
    /// head no longer names are run on the base side and listed as removed. A base without one, or
    /// with one that does not load, has none of its own: said in a note, never an error.
    static func baseConfig(in folder: String, named headConfig: String, registered: Set<String>?, context: CommandContext) -> SuiteConfig? {
        let path = PathResolver.resolve(URL(fileURLWithPath: headConfig).lastPathComponent, against: folder)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try ConfigLoader.load(path: path, registeredSwiftBenchmarks: registered)
        } catch {
            TerminalOutput.standardError.line(
                context.terminal.paint("note:", .yellow) + " the base config \(SafeText.escaped(path)) does not load, so no benchmark is listed as removed: "
                    + SafeText.escaped(error.description.split(separator: "\n").first.map(String.init) ?? ""))
            return nil
        }
    }
}

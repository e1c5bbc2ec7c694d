import ArgumentParser
import BenchAnalysis
import BenchConfig
import BenchHistory
import BenchModel
import BenchReport
import BenchTerminal
import Foundation

struct CompareCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs and print a verdict per benchmark.",
        discussion: """
            BASE is any run spec --baseline takes: previous (the newest run before HEAD on the same \
            branch, else any branch), RUN-ID (or a unique prefix), branch:NAME, commit:SHA, a run \
            file, or a history folder (its newest run). previous, branch: and commit: take a run of \
            HEAD's machine and build configuration when there is one, and say so on stderr when they \
            have to fall back to another. Run ids, branch: and commit: are looked up in --history.
            HEAD is a run id, branch:NAME or commit:SHA (the newest such run), a run file or a \
            folder (its newest run); without it, the newest run of --history.
            """)

    @Argument(help: ArgumentHelp("The baseline: previous, RUN-ID, branch:NAME, commit:SHA, a run file or a folder.", valueName: "base"))
    var base: String
    @Argument(help: ArgumentHelp("The run to judge (default: the newest run of --history).", valueName: "head"))
    var head: String?

    @Option(help: ArgumentHelp("The smallest change of the median that counts, e.g. 5% or 0.05.", valueName: "percent"))
    var threshold: String?

    @Option(help: "text (aligned, coloured on a terminal), markdown (like summary.md) or json.")
    var format: ComparisonOutput.Format = .text

    @Flag(help: "Exit 1 when any benchmark failed or regressed in time, memory or CPU.")
    var failOnRegression = false

    @Option(help: ArgumentHelp("Where run ids, branch: and commit: are looked up, and what drift is judged against (default: [report] history, output/history).", valueName: "dir"))
    var history: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] thresholds apply (optional).", valueName: "file"))
    var config: String?

    @OptionGroup var pullRequest: MergeBaseOption

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let settings = try context.reportSettings(config: config)
        let commandLineThreshold = try threshold.map(Self.parseThreshold)
        let resolver = BaselineResolver(location: settings.historyLocation(folder: history))
        // Why a run looked for may be missing: a file over max_file_mb, a broken one, a copy.
        for warning in resolver.loaded.warnings {
            TerminalOutput.standardError.line(
                context.terminal.paint("warning:", .yellow) + " " + SafeText.escaped(warning.description))
        }
        let headRun: RunRecord
        if let head {
            headRun = try resolver.run(named: head)
        } else {
            headRun = try resolver.newest()
        }
        guard let choice = try resolver.resolve(base, for: headRun, mergeBase: pullRequest.mergeBase) else {
            throw CLIError(
                "no run matches '\(base)' for run \(headRun.id) in \(resolver.historyDirectory.path); `benchboard runs` lists them")
        }
        let baseRun = choice.run
        // A run looked up in the history (not named by its file) says which file it came from
        // when a copy of that file holds the same id.
        for (spec, run) in [(head, headRun), (base, baseRun)] where !FileManager.default.fileExists(atPath: spec ?? "") {
            if let note = resolver.sourceNote(for: run, context: context) {
                TerminalOutput.standardError.line(context.terminal.paint("note:", .yellow) + " " + note)
            }
        }
        if let fallback = choice.fallback {
            TerminalOutput.standardError.line(context.terminal.paint("note:", .yellow) + " " + fallback)
        }
        let options = settings.analysisOptions(
            commandLineThreshold: commandLineThreshold, benchmarks: headRun.benchmarks.map(\.name))
        var comparison = Analyzer.compare(
            current: headRun, baseline: baseRun, history: resolver.history(before: headRun, including: baseRun), options: options)
        comparison.caveat = choice.caveat(otherwise: comparison.caveat)
        if let selection = headRun.selection, !comparison.notSelected.isEmpty {
            TerminalOutput.standardError.line(
                context.terminal.paint("note:", .yellow)
                    + " \(comparison.notSelected.count) benchmark(s) of the baseline were not selected by run \(headRun.id) "
                    + "(\(selection.commandLine)); they are left out, not counted as removed.")
        }

        let output = ComparisonOutput(settings: settings, options: options)
        TerminalOutput.standardOutput.line(
            try output.render(comparison, baseline: baseRun, current: headRun, format: format, painter: context.terminal.painter))
        return ComparisonOutput.exitCode(comparison, failOnRegression: failOnRegression)
    }

    /// "5%" → 0.05, "0.05" → 0.05, read as config.toml's `regression_threshold` is. A bare 5
    /// is refused: as a fraction it would be 500 %.
    static func parseThreshold(_ text: String) throws(CLIError) -> Double {
        switch ThresholdValue.parse(text) {
        case .success(let fraction):
            return fraction
        case .failure(.aboveOne(let number)):
            let percent = String(format: "%g", number)
            throw CLIError(
                "--threshold \(percent) would be a fraction of \(String(format: "%g", number * 100)) %, "
                    + "since 0.05 means 5 %; did you mean \(percent)%?")
        case .failure:
            throw CLIError("--threshold '\(text)' must be a percentage like 5% or a fraction from 0 to 1 like 0.05")
        }
    }
}

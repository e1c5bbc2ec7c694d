import ArgumentParser
import BenchConfig
import BenchHistory
import BenchModel
import BenchRunner
import Foundation

struct RunsCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs in the history folder, newest first, and name any file that cannot be read.")

    @Option(help: ArgumentHelp("The history folder (default: [report] history of config.toml, output/history).", valueName: "dir"))
    var history: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] history applies (optional).", valueName: "file"))
    var config: String?

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let directory: String
        var maxFileBytes = HistoryLimits.defaultMaxFileBytes
        if let history {
            directory = history
        } else {
            let settings = try context.reportSettings(config: config)
            directory = settings.historyDirectory
            maxFileBytes = settings.historyMaxFileBytes
        }
        let loaded = HistoryStore(directory: URL(fileURLWithPath: directory), maxFileBytes: maxFileBytes).load()
        for warning in loaded.warnings {
            TerminalOutput.standardError.line(
                context.terminal.paint("warning:", .yellow) + " " + SafeText.escaped(warning.description))
        }
        let formatter = ISO8601DateFormatter()
        let rows = loaded.runs.reversed().map { run -> [String] in
            let record = run.record
            // Counted as the run's closing lines count them: a slow benchmark passed, and is slow too.
            let counts = OutcomeCounts(record.benchmarks)
            return [
                record.id, formatter.string(from: record.startedAt), record.git?.branch ?? "-",
                (record.git?.shortCommit ?? "-") + (record.git?.dirty == true ? "+" : ""),
                "\(counts.passed)/\(counts.total)" + (record.interrupted ? " (interrupted)" : ""),
                "\(counts.notPassed)", "\(counts.slow)",
                record.buildConfiguration, context.displayPath(run.url),
            ]
        }
        if rows.isEmpty {
            TerminalOutput.standardOutput.line("No runs in \(directory) yet; `benchboard run` adds one.")
        } else {
            TerminalOutput.standardOutput.line(
                TextTable(header: ["id", "started (UTC)", "branch", "commit", "passed", "failed", "slow", "build", "file"], rows: rows).render())
        }
        return CLIExit.success
    }
}

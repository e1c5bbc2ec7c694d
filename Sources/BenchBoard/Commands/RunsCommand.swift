import ArgumentParser
import BenchConfig
import BenchHistory
import BenchModel
import BenchTerminal
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
        let location = try context.historyLocation(history: history, config: config)
        let store = location.store
        let loaded = store.load()
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
                record.buildConfiguration, run.location(context.displayPath),
            ]
        }
        if rows.isEmpty {
            TerminalOutput.standardOutput.line("No runs in \(context.displayPath(location.directory)) yet; `benchboard run` adds one.")
        } else {
            TerminalOutput.standardOutput.line(
                TextTable(header: ["id", "started (UTC)", "branch", "commit", "passed", "failed", "slow", "build", "file"], rows: rows).render())
        }
        listJournals(of: store, context)
        return CLIExit.success
    }

    /// Journals are only listed here, never recovered: listing must not change the history.
    private func listJournals(of store: HistoryStore, _ context: CommandContext) {
        let (journals, problems) = store.pendingJournals()
        let formatter = ISO8601DateFormatter()
        for journal in journals {
            let run = "run \(SafeText.escaped(journal.runID)) (started \(formatter.string(from: journal.startedAt)), \(journal.results) finished)"
            if journal.ownerAlive {
                TerminalOutput.standardOutput.line("In progress: \(run), pid \(journal.owner.pid): \(context.displayPath(journal.url))")
            } else {
                TerminalOutput.standardOutput.line(
                    "Waiting to be recovered: \(run) died and left its journal \(context.displayPath(journal.url)); "
                        + "`benchboard recover --history \(context.displayPath(store.directory))` stores it as an interrupted run "
                        + "(the next `run` or `report` does too).")
            }
        }
        for problem in problems {
            TerminalOutput.standardError.line(
                context.terminal.paint("warning:", .yellow) + " \(context.displayPath(problem.url)): \(SafeText.escaped(problem.reason))")
        }
    }
}

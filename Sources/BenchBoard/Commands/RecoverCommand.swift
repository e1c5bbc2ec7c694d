import ArgumentParser
import BenchConfig
import BenchHistory
import BenchTerminal
import Foundation

struct RecoverCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Store the finished results of runs that died (crash, SIGKILL) as interrupted runs.",
        discussion: """
            A run journals each result as it finishes in <history>/.journal/. When benchboard dies \
            mid-run, that journal stays; `run` and `report` store it as a run marked interrupted \
            before they start, and so does this command (for CI, where no later run comes). A \
            journal whose process still runs is left alone, as is every existing run file. Also \
            removes temporary files left by writes that died.
            Exit codes: 0 recovered, or nothing to recover; 2 the history folder or a journal cannot \
            be read, or the run cannot be stored.
            """)

    @Option(help: ArgumentHelp("The history folder (default: [report] history of config.toml, output/history).", valueName: "dir"))
    var history: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] history applies (optional).", valueName: "file"))
    var config: String?

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let store = try context.historyLocation(history: history, config: config).store
        let report: JournalRecovery
        do {
            report = try store.recoverJournals()
        } catch {
            throw CLIError(error.description)
        }
        JournalRecoveryNotes(context: context).announce(report, to: .standardOutput)
        for journal in report.live {
            TerminalOutput.standardOutput.line(
                "Left \(context.displayPath(journal.url)) alone: its run is still going (pid \(journal.owner.pid)).")
        }
        let changed = report.recovered.count + report.alreadyStored.count + report.removedTemporaries.count
        if changed == 0, report.live.isEmpty, report.problems.isEmpty {
            TerminalOutput.standardOutput.line("Nothing to recover in \(context.displayPath(store.directory)).")
        }
        return report.problems.isEmpty ? CLIExit.success : CLIExit.usage
    }
}

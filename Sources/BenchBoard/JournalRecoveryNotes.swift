import BenchHistory
import BenchModel
import BenchTerminal
import Foundation

/// Recovers the journals of dead runs in a history folder and says what happened, for `run` and
/// `report` (before they read the history) and for `recover`.
struct JournalRecoveryNotes {
    var context: CommandContext

    /// For `run` and `report`: a history that cannot be recovered is a warning, the command goes on.
    func recoverQuietly(_ store: HistoryStore) {
        do {
            announce(try store.recoverJournals(), to: .standardError)
        } catch {
            warning(error.description)
        }
    }

    /// Prints recovered runs to `output`, problems as warnings on stderr. Returns the report.
    @discardableResult
    func announce(_ report: JournalRecovery, to output: TerminalOutput) -> JournalRecovery {
        for run in report.recovered {
            output.line(
                "Recovered run \(SafeText.escaped(run.record.id)) (\(run.record.benchmarks.count) finished, marked interrupted) "
                    + "from the journal of a run that died: \(context.displayPath(run.runFile))")
            for skipped in run.skippedLines {
                warning("\(context.displayPath(run.journal)): \(skipped)")
            }
        }
        for journal in report.alreadyStored {
            output.line("Removed \(context.displayPath(journal)): its run was already stored.")
        }
        for temporary in report.removedTemporaries {
            output.line("Removed \(context.displayPath(temporary)), left by a write that died.")
        }
        for problem in report.problems {
            warning("\(context.displayPath(problem.url)): \(SafeText.escaped(problem.reason))")
        }
        return report
    }

    private func warning(_ text: String) {
        TerminalOutput.standardError.line(context.terminal.paint("warning:", .yellow) + " " + text)
    }
}

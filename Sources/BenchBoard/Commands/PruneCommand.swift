import ArgumentParser
import BenchConfig
import BenchHistory
import BenchModel
import BenchTerminal
import Foundation

struct PruneCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old run files and whole packs from the history folder: the only command that ever deletes one.",
        discussion: """
            A pack is deleted only when every run in it is to be deleted; a pack that also holds \
            a run to keep is never rewritten, and stays whole.
            """)

    @Option(help: ArgumentHelp("Keep the newest N runs.", valueName: "n"))
    var keepLast: Int?

    @Option(help: ArgumentHelp("Delete runs started before this date (YYYY-MM-DD, UTC).", valueName: "date"))
    var before: String?

    @Flag(help: "List what would be deleted without deleting it.")
    var dryRun = false

    @Option(help: ArgumentHelp("The history folder (default: [report] history of config.toml, output/history).", valueName: "dir"))
    var history: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] history applies (optional).", valueName: "file"))
    var config: String?

    func validate() throws {
        guard keepLast != nil || before != nil else {
            throw ValidationError("say what to delete: --keep-last N and/or --before YYYY-MM-DD")
        }
        if let keepLast, keepLast < 0 { throw ValidationError("--keep-last must be 0 or more") }
    }

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        var cutoff: Date?
        if let before {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            guard let date = formatter.date(from: before) else {
                throw CLIError("--before '\(before)' must be a date like 2026-01-31")
            }
            cutoff = date
        }
        let store = try context.historyLocation(history: history, config: config).store
        let outcome: PruneOutcome
        do {
            outcome = try store.prune(keepLast: keepLast, before: cutoff, dryRun: dryRun)
        } catch {
            throw CLIError(error.description)
        }
        let removed = outcome.deleted
        for url in removed {
            TerminalOutput.standardOutput.line((dryRun ? "would delete " : "deleted ") + context.displayPath(url))
        }
        for kept in outcome.keptPacks {
            TerminalOutput.standardOutput.line(
                "kept \(context.displayPath(kept.url)) whole: it also holds runs to keep (or one that cannot be read), and a "
                    + "pack is never rewritten; \(UnitFormat.count(kept.runs, "run")) in it stay")
        }
        TerminalOutput.standardOutput.line("\(removed.count) file(s) \(dryRun ? "would be deleted" : "deleted").")
        return CLIExit.success
    }
}

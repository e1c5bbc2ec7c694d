import ArgumentParser
import BenchHistory
import BenchModel
import BenchTerminal
import Foundation

struct PackCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Move old run files into immutable, compressed packs, one UTC month at a time.",
        discussion: """
            A month is packed once it is over (a newer month has a run) and none of its runs is \
            among the newest --keep runs. Its run files become pack-YYYY-MM-N.jsonl.gz (gzip of \
            JSON Lines: an index, then each run whole), split so each pack stays under 50 MB and \
            [history] max_file_mb; the run files are removed once the pack is on disk and read \
            back. A pack is never rewritten: a run that arrives after its month was packed stays \
            a run file until the next pack, which puts it into the month's next part. Every \
            command reads packs and run files alike.
            """)

    @Option(help: ArgumentHelp("How many of the newest runs stay run files, whatever their month.", valueName: "n"))
    var keep: Int = HistoryStore.defaultPackKeep

    @Flag(help: "List what would be packed without writing or removing anything.")
    var dryRun = false

    @Option(help: ArgumentHelp("The history folder (default: [report] history of config.toml, output/history).", valueName: "dir"))
    var history: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] history and [history] limits apply (optional).", valueName: "file"))
    var config: String?

    func validate() throws {
        if keep < 0 { throw ValidationError("--keep must be 0 or more") }
    }

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let store = try context.historyLocation(history: history, config: config).store
        let outcome: PackOutcome
        do {
            outcome = try store.pack(keep: keep, dryRun: dryRun)
        } catch {
            throw CLIError(error.description)
        }
        let out = TerminalOutput.standardOutput
        for pack in outcome.packs {
            out.line(
                (dryRun ? "would pack " : "packed ") + "\(UnitFormat.count(pack.runs, "run")) of \(pack.period) into "
                    + "\(context.displayPath(pack.url)) (\(UnitFormat.mebibytes(pack.bytes)), from \(UnitFormat.mebibytes(pack.looseBytes)) of run files)")
        }
        for url in outcome.tooLarge {
            out.line("left \(context.displayPath(url)) as a run file: it is too large for a pack of its own")
        }
        let packed = outcome.packs.reduce(0) { $0 + $1.runs }
        let leftovers = outcome.removed.count - packed
        if leftovers > 0 {
            out.line(
                "\(dryRun ? "would remove" : "removed") \(UnitFormat.count(leftovers, "run file")) whose run a pack already holds "
                    + "(left by an earlier pack that stopped)")
        }
        if outcome.packs.isEmpty {
            out.line("Nothing to pack: \(UnitFormat.count(outcome.keptLoose, "run file")) stay as they are (the newest \(keep), and the months not over yet).")
        } else {
            out.line(
                "\(dryRun ? "Would write" : "Wrote") \(UnitFormat.count(outcome.packs.count, "pack")) holding \(UnitFormat.count(packed, "run")); "
                    + "\(UnitFormat.count(outcome.keptLoose, "run file")) stay as they are.")
        }
        return CLIExit.success
    }
}

import ArgumentParser
import BenchHistory
import BenchModel
import BenchTerminal
import Foundation

struct MergeCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Put the runs of one commit and machine (shards, matrix jobs) back together as one new run.",
        discussion: """
            RUN is a run file or the id (or a unique prefix of it) of a run in the history folder. \
            The runs must share the commit, the machine (CPU, cores, memory, OS, kernel, Swift \
            version; host names may differ) and the build configuration. The merged run is \
            written as a new file in the history folder; the runs named stay as they are.
            """)

    enum Preference: String, ExpressibleByArgument, CaseIterable {
        case newest
    }

    @Argument(help: ArgumentHelp("The runs to merge: run files or run ids.", valueName: "run"))
    var runs: [String]

    @Option(help: ArgumentHelp("Where run ids are looked up and the merged run is written (default: [report] history of ./config.toml, output/history).", valueName: "dir"))
    var history: String?

    @Option(help: "When a benchmark is in more than one run: keep the one from the run that started last (without it, merge refuses).")
    var prefer: Preference?

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("name at least one run to merge") }
    }

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let store = try context.historyLocation(history: history, config: nil).store
        let directory = store.directory
        var stored: HistoryLoad?
        var inputs: [RunMerge.Input] = []
        for text in runs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory) {
                if isDirectory.boolValue { throw CLIError("\(text): is a folder; name run files or run ids") }
                do {
                    inputs.append(RunMerge.Input(label: text, record: try store.loadRun(at: URL(fileURLWithPath: text)), file: text))
                } catch {
                    throw CLIError(error.description)
                }
                continue
            }
            let loaded = stored ?? store.load()
            stored = loaded
            let history = loaded.runs
            // Of two files with one id (a copy), the one compare would take: the last in history order.
            let matches = history.filter { $0.record.id == text }.reversed()
                + history.filter { $0.record.id != text && $0.record.id.hasPrefix(text) }
            guard let match = matches.first, matches.count == 1 || matches[0].record.id == text else {
                throw CLIError(
                    matches.isEmpty
                        ? "\(text): neither a run file nor a run id in \(context.displayPath(directory)); `benchboard runs` lists the ids"
                        : "\(text): matches \(matches.count) runs; give more of the id")
            }
            // A copied file holds the same id: say which one is merged.
            let holders = loaded.files(of: match.record.id)
            if holders.count > 1 {
                TerminalOutput.standardError.line(
                    context.terminal.paint("note:", .yellow) + " run \(SafeText.escaped(match.record.id)) is in \(holders.count) files ("
                        + holders.map(context.displayPath).joined(separator: ", ") + "); using \(context.displayPath(match.url))")
            }
            inputs.append(RunMerge.Input(label: text, record: match.record, file: context.displayPath(match.url)))
        }
        let merged: RunRecord
        do {
            merged = try RunMerge.merge(inputs, id: RunID.make(), preferNewest: prefer == .newest)
        } catch {
            throw CLIError(error.description)
        }
        let written: URL
        do {
            // Only what the history will read back: a merged run can outgrow max_file_mb.
            written = try store.add(merged)
        } catch {
            throw CLIError("\(runs.joined(separator: ", ")): \(error.description)")
        }
        TerminalOutput.standardOutput.line(
            "Merged \(UnitFormat.count(inputs.count, "run")) (\(UnitFormat.count(merged.benchmarks.count, "benchmark"))) into run \(merged.id): \(context.displayPath(written))")
        return CLIExit.success
    }
}

import BenchAnalysis
import BenchHistory
import BenchModel
import Foundation

/// Turns what a person typed as a baseline or a run (previous, RUN-ID, branch:NAME, commit:SHA,
/// a run file, a history folder) into a run record.
struct BaselineResolver {
    var historyDirectory: URL
    /// The history folder's runs, oldest first, read once.
    var records: [RunRecord]

    /// `records`: the folder's runs when the caller has already read them.
    init(historyDirectory: URL, records: [RunRecord]? = nil) {
        self.historyDirectory = historyDirectory
        self.records = records ?? HistoryStore(directory: historyDirectory).load().runs.map(\.record)
    }

    /// The baseline for `current`; nil when the spec is valid but nothing matches (e.g. a first run).
    func resolve(_ text: String, for current: RunRecord) throws(CLIError) -> RunRecord? {
        if text.hasSuffix(".json") || text.contains("/") {
            return try run(at: text)
        }
        let spec: BaselineSpec
        do {
            spec = try BaselineSpec.parse(text)
        } catch {
            throw CLIError("--baseline '\(text)': \(error)")
        }
        let chosen = Baseline.select(spec, for: current, in: records)
        if chosen == nil, case .runID(let id) = spec {
            throw CLIError("--baseline '\(id)': no run with that id in \(historyDirectory.path); `benchboard runs` lists them")
        }
        return chosen
    }

    /// A run named on the command line: a run file, a history folder (its newest run) or a run id.
    func run(named text: String) throws(CLIError) -> RunRecord {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                let loaded = HistoryStore(directory: URL(fileURLWithPath: text)).load()
                guard let newest = loaded.runs.last else {
                    throw CLIError("\(text): no readable run files in this folder")
                }
                return newest.record
            }
            return try run(at: text)
        }
        let matches = records.filter { $0.id == text || $0.id.hasPrefix(text) }
        guard matches.count == 1, let match = matches.first else {
            throw CLIError(
                matches.isEmpty
                    ? "\(text): neither a file, a folder, nor a run id in \(historyDirectory.path); `benchboard runs` lists the ids"
                    : "\(text): matches \(matches.count) runs; give more of the id")
        }
        return match
    }

    /// The runs of the history folder that started before `current`, oldest first, with
    /// `baseline` among them: what memory, CPU and run-to-run drift are judged against.
    func history(before current: RunRecord, including baseline: RunRecord) -> [RunRecord] {
        var earlier = records.filter { $0.id != current.id && $0.startedAt <= current.startedAt }
        if !earlier.contains(where: { $0.id == baseline.id }) {
            earlier.append(baseline)
            earlier.sort { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        }
        return earlier
    }

    private func run(at path: String) throws(CLIError) -> RunRecord {
        do {
            return try HistoryStore(directory: historyDirectory).loadRun(at: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(error.description)
        }
    }
}

import BenchAnalysis
import BenchHistory
import BenchModel
import Foundation

/// Turns what a person typed as a baseline or a run into a run record. Every command takes the
/// same forms: a run file, a history folder, `previous`, `branch:NAME`, `commit:SHA`, or a run id
/// (or a unique prefix of one) in the history folder.
struct BaselineResolver {
    var location: HistoryLocation
    /// The history folder as read once: its runs, oldest first, and what was skipped.
    var loaded: HistoryLoad
    var records: [RunRecord]
    var historyDirectory: URL { location.directory }

    /// `loaded`: the folder as the caller has already read it.
    init(location: HistoryLocation, loaded: HistoryLoad? = nil) {
        self.location = location
        self.loaded = loaded ?? location.store.load()
        records = self.loaded.runs.map(\.record)
    }

    /// Which file a run looked up by id came from, when more than one file holds that id (a
    /// copied file): "run X is in 2 files (a.json, b.json); using b.json". nil otherwise.
    func sourceNote(for run: RunRecord, context: CommandContext) -> String? {
        let holders = loaded.runs.filter { $0.record.id == run.id }
        guard holders.count > 1 else { return nil }
        let used = holders.last { $0.record == run } ?? holders[holders.count - 1]
        let names = holders.map { context.displayPath($0.url) }
        return "run \(SafeText.escaped(run.id)) is in \(holders.count) files (\(names.joined(separator: ", "))); "
            + "using \(context.displayPath(used.url))"
    }

    /// The baseline for `current`; nil when the spec is valid but nothing matches (e.g. a first run).
    /// A run id that matches nothing is an error: it can only be a typo.
    /// With `mergeBase` (`--merge-base SHA`) the spec must be `branch:NAME`: the run of that commit
    /// when the history has one, else the newest run of the branch (`Baseline.chooseForPullRequest`).
    func resolve(_ text: String, for current: RunRecord, mergeBase: String? = nil) throws(CLIError) -> BaselineChoice? {
        if let mergeBase {
            let sha = mergeBase.lowercased()
            guard !sha.isEmpty, sha.allSatisfy(\.isHexDigit) else {
                throw CLIError("--merge-base '\(mergeBase)' is not a hexadecimal commit SHA; pass what `git merge-base` prints")
            }
            guard case .branch(let branch) = try parse(text) else {
                throw CLIError("--merge-base needs a branch:NAME baseline (the pull request's base branch), not '\(text)'")
            }
            return Baseline.chooseForPullRequest(branch: branch, mergeBase: sha, for: current, in: records)
        }
        if let path = try existingPath(text, newestExcept: current.id) { return BaselineChoice(run: path) }
        let spec = try parse(text)
        let chosen = Baseline.choose(spec, for: current, in: records)
        if chosen == nil, case .runID(let id) = spec {
            throw CLIError(
                "'\(id)': neither a run file, a folder, nor a run id in \(historyDirectory.path); `benchboard runs` lists the ids")
        }
        return chosen
    }

    /// The run to judge, as named on the command line: a run file, a history folder (its newest
    /// run), `branch:NAME` or `commit:SHA` (the newest such run of the history), or a run id.
    func run(named text: String) throws(CLIError) -> RunRecord {
        if let run = try existingPath(text, newestExcept: nil) { return run }
        let spec = try parse(text)
        switch spec {
        case .previous:
            throw CLIError("'previous' names a baseline, not the run to judge; give a run id, a run file or a folder")
        case .branch, .commit:
            // Records are oldest first.
            guard let newest = records.last(where: { matches(spec, $0) }) else {
                throw CLIError("'\(text)': no run in \(historyDirectory.path) matches; `benchboard runs` lists them")
            }
            return newest
        case .runID(let id):
            if let exact = records.last(where: { $0.id == id }) { return exact }
            let matches = records.filter { $0.id.hasPrefix(id) }
            guard matches.count == 1, let match = matches.first else {
                throw CLIError(
                    matches.isEmpty
                        ? "'\(text)': neither a run file, a folder, nor a run id in \(historyDirectory.path); `benchboard runs` lists the ids"
                        : "'\(text)': matches \(matches.count) runs; give more of the id")
            }
            return match
        }
    }

    /// The newest run of the history folder: what `compare` judges when no HEAD is given.
    func newest() throws(CLIError) -> RunRecord {
        guard let newest = records.last else {
            throw CLIError("\(historyDirectory.path) holds no readable run; `benchboard run` adds one")
        }
        return newest
    }

    /// The runs of the history folder that started before `current`, oldest first, with
    /// `baseline` among them: what memory, CPU and run-to-run drift are judged against.
    func history(before current: RunRecord, including baseline: RunRecord) -> [RunRecord] {
        var earlier = records.filter { $0.id != current.id && !RunRecord.startsBefore(current, $0) }
        if !earlier.contains(where: { $0.id == baseline.id }) {
            earlier.append(baseline)
            earlier.sort(by: RunRecord.startsBefore)
        }
        return earlier
    }

    private func matches(_ spec: BaselineSpec, _ run: RunRecord) -> Bool {
        switch spec {
        case .branch(let name): run.git?.branch == name
        case .commit(let sha): run.git?.commit?.lowercased().hasPrefix(sha.lowercased()) ?? false
        case .previous, .runID: false
        }
    }

    private func parse(_ text: String) throws(CLIError) -> BaselineSpec {
        do {
            return try BaselineSpec.parse(text)
        } catch {
            throw CLIError("'\(text)': \(error)")
        }
    }

    /// A run file, or a folder's newest run (other than `excluded`); nil when `text` names no file
    /// or folder. A name ending in .json is always meant as a file.
    private func existingPath(_ text: String, newestExcept excluded: String?) throws(CLIError) -> RunRecord? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory) else {
            if text.hasSuffix(".json") { throw CLIError("\(text): no such run file") }
            return nil
        }
        guard isDirectory.boolValue else {
            do {
                return try location.store.loadRun(at: URL(fileURLWithPath: text))
            } catch {
                throw CLIError(error.description)
            }
        }
        let loaded = location.folder(URL(fileURLWithPath: text)).store.load()
        guard let newest = loaded.runs.last(where: { $0.record.id != excluded }) else {
            throw CLIError("\(text): no readable run files in this folder")
        }
        return newest.record
    }
}

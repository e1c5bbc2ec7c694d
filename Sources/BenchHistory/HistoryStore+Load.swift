import BenchModel
import Dispatch
import Foundation

extension HistoryStore {
    /// Every run in the folder (not recursive), oldest first: the run files and the runs of the
    /// packs (`PackFile`), merged. A missing folder is an empty history. Files that cannot be used
    /// (not a regular file, over `maxFileBytes`, corrupt, truncated, foreign, newer schema,
    /// negative or non-finite figures, dated in the future) are skipped with a warning naming
    /// them, as is a damaged pack (its runs are missing, the rest load) or one run of a pack that
    /// fails those checks; older schemas are migrated on read. A run file whose run a pack holds
    /// too (a `pack` stopped before it removed it) is read once, from the pack. Nothing is ever
    /// deleted or rewritten here.
    ///
    /// Files are decoded in parallel: JSON decoding dominates, and a long history is thousands
    /// of files.
    ///
    /// With a `cache`, files it holds as they are now (run files and packs alike) are not decoded
    /// again (`HistoryCache`), and each run gets its `StoredRun.fingerprint`. With
    /// `deferringResults` too, the runs taken from the cache come without their results
    /// (`StoredRun.isComplete` false, their `digests` kept) until `StoredRun.complete()`: a report
    /// of a long history needs the results of a few runs only.
    public func load(cache: HistoryCache? = nil, deferringResults: Bool = false) -> HistoryLoad {
        let urls: [URL]
        let packs: [URL]
        switch runFiles() {
        case let .files(found, packFiles): (urls, packs) = (found, packFiles)
        case let .unlistable(warning): return HistoryLoad(runs: [], warnings: [warning])
        }
        let now = Date()
        var runs: [StoredRun] = []
        var warnings: [HistoryWarning] = []
        // Packs are one cache entry each, like run files: a pack read before is not inflated again.
        let sources = read(files: urls, packs: packs, cache: cache, deferring: deferringResults, now: now)
        // Which run each packed file name became, to read a run file that a pack holds too once.
        var packed: [String: StoredRun] = [:]
        for (pack, source) in zip(packs, sources.packs) {
            switch source.result {
            case let .failure(problem):
                warnings.append(HistoryWarning(url: pack, reason: problem.reason))
            case let .success(members):
                for member in members {
                    let file = member.member ?? pack.lastPathComponent
                    switch member.result {
                    case let .success(record):
                        var run = StoredRun(record: record, url: pack, member: file, deferred: member.deferred)
                        run.fingerprint = source.fingerprint(member: file)
                        runs.append(run)
                        packed[file] = run
                    case let .failure(problem):
                        warnings.append(HistoryWarning(url: pack, reason: "run \(file): \(problem.reason)"))
                    }
                }
            }
        }
        var packedLoose: [URL] = []
        runs.reserveCapacity(runs.count + urls.count)
        for (url, source) in zip(urls, sources.files) {
            // A run file holds one run; the cache only ever stores what the decoder returned.
            let result = source.result.flatMap { members -> Result<(RunRecord, DeferredRun?), RunFileProblem> in
                guard members.count == 1, let member = members.first, member.member == nil else {
                    return .failure(.invalid("the cache holds \(members.count) runs for one run file"))
                }
                return member.result.map { ($0, member.deferred) }
            }
            switch result {
            case let .success((record, deferred)):
                var run = StoredRun(record: record, url: url, member: nil, deferred: deferred)
                run.fingerprint = source.fingerprint(member: nil)
                if let inPack = packed[url.lastPathComponent], Self.sameRun(inPack, run) {
                    packedLoose.append(url)
                } else {
                    runs.append(run)
                }
            case let .failure(problem): warnings.append(HistoryWarning(url: url, reason: problem.reason))
            }
        }
        if deferringResults {
            var numbering = NameNumbering()
            for index in runs.indices { runs[index].shareNames(&numbering) }
        }
        runs.sort(by: Self.isOlder)
        warnings += Self.sharedIDs(runs)
        warnings.sort { $0.url.lastPathComponent < $1.url.lastPathComponent }
        var load = HistoryLoad(runs: runs, warnings: warnings, packedLoose: packedLoose)
        load.cache = sources.report
        return load
    }

    /// Whether a run file and a pack's run of the same name are the same run, results and all
    /// (decoded for the comparison when they were deferred: this happens only to a run file a
    /// `pack` stopped before removing).
    private static func sameRun(_ a: StoredRun, _ b: StoredRun) -> Bool {
        guard a.record.id == b.record.id else { return false }
        var (a, b) = (a, b)
        guard a.complete(), b.complete() else { return false }
        return a.record == b.record
    }

    /// One warning for each file that holds a run id an earlier file (by name) holds too: a
    /// copied file. Both are read; a lookup by that id says which file it used
    /// (`HistoryLoad.files(of:)`).
    static func sharedIDs(_ runs: [StoredRun]) -> [HistoryWarning] {
        var first: [String: URL] = [:]
        first.reserveCapacity(runs.count)
        var warnings: [HistoryWarning] = []
        // The runs' places, not the runs, are sorted: moving a run copies (and retains) all its fields.
        let names = runs.map(\.name)
        for index in runs.indices.sorted(by: { names[$0] < names[$1] }) {
            let run = runs[index]
            if let earlier = first[run.record.id] {
                warnings.append(
                    HistoryWarning(
                        url: run.url,
                        reason: "holds run \(run.record.id), as does \(DisplayPath.of(earlier)) (a copy?); both are read, "
                            + "and a lookup of that id names the file it uses; remove one",
                        skipped: false))
            } else {
                first[run.record.id] = run.url
            }
        }
        return warnings
    }

    /// One run file, anywhere (also outside the folder, as `compare` and `import` need).
    public func loadRun(at url: URL) throws(HistoryError) -> RunRecord {
        switch RunFileDecoder.read(url, decoder: RunRecordCoding.decoder(), maxBytes: maxFileBytes) {
        case let .success(record): return record
        case let .failure(problem): throw .unusableFile(url, reason: problem.reason)
        }
    }

    /// Oldest first: by start time to the nanosecond where the file has it (`RunRecord.startNs`),
    /// then id, then file name, so the order never depends on the order the folder was listed in.
    static func isOlder(_ a: StoredRun, _ b: StoredRun) -> Bool {
        if RunRecord.startsBefore(a.record, b.record) { return true }
        if RunRecord.startsBefore(b.record, a.record) { return false }
        return a.name < b.name
    }

    /// The `*.json` files and the packs of the folder, each in name order; hidden files
    /// (temporary writes) are skipped.
    func runFiles() -> Listing {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
                return .files([], packs: [])
            }
            let reason = isDirectory.boolValue ? AtomicFile.reason(error) : "it is a file, not a folder"
            return .unlistable(HistoryWarning(url: directory, reason: "cannot list the history folder: \(reason)"))
        }
        let files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        let packs = names.filter { PackFile.parse(name: $0) != nil }.sorted()
        return .files(
            files.map { directory.appendingPathComponent($0, isDirectory: false) },
            packs: packs.map { directory.appendingPathComponent($0, isDirectory: false) })
    }

    enum Listing {
        case files([URL], packs: [URL])
        case unlistable(HistoryWarning)
    }

    /// Decodes every file, spread over the cores. Each slot of the result buffer is written by
    /// exactly one iteration, so the writes need no lock.
    static func decodeAll(_ urls: [URL], maxBytes: Int64, now: Date) -> [Result<RunRecord, RunFileProblem>] {
        let count = urls.count
        guard count > 0 else { return [] }
        let slots = DecodeSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, RunFileDecoder.read(urls[index], decoder: RunRecordCoding.decoder(), maxBytes: maxBytes, now: now))
        }
        return slots.take(missing: .unreadable("not read"))
    }
}

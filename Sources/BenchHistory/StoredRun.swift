import BenchModel
import Foundation

/// A run read back from the history folder, with the file it came from.
public struct StoredRun: Sendable {
    public var record: RunRecord
    /// The run file, or the pack that holds the run.
    public var url: URL
    /// For a packed run, the name its run file had (`PackIndex.Entry.file`); nil for a run file.
    public var member: String?
    /// A hash of the bytes the run was read from (its file, or its pack and its name there), when
    /// the load went through the report cache; nil otherwise. Two loads that give a run the same
    /// fingerprint read the same run, so what was rendered from it before still holds.
    public var fingerprint: UInt64?
    /// Set when the run was loaded without its results (`HistoryStore.load(cache:deferringResults:)`):
    /// `record.benchmarks` is then empty until `complete()`.
    private var deferred: DeferredRun?

    public init(record: RunRecord, url: URL, member: String? = nil) {
        self.record = record
        self.url = url
        self.member = member
    }

    init(record: RunRecord, url: URL, member: String?, deferred: DeferredRun?) {
        self.init(record: record, url: url, member: member)
        self.deferred = deferred
    }

    /// Whether `record` holds the run's results.
    public var isComplete: Bool { deferred == nil }

    /// The digests of the run's results, in their order: kept from the cache for a run loaded
    /// without its results, made from the results otherwise.
    public var digests: [ResultDigest] {
        deferred?.digests ?? record.benchmarks.map(ResultDigest.init)
    }

    /// Makes the names in the run's digests share the storage of equal names met before
    /// (`numbering`, run after run): every run of a long history repeats the same benchmark names,
    /// and a name longer than 15 bytes is otherwise one allocation per run and benchmark. Names
    /// the cache read already shared (`HistoryCache.resolve`) are left as they are, so the
    /// digests, which the load's other copies may still hold, are copied only when one changes.
    mutating func shareNames(_ numbering: inout NameNumbering) {
        guard var deferred else { return }
        self.deferred = nil  // one owner of the digests, so they are changed in place, not copied
        numbering.nextRun()
        for index in deferred.digests.indices {
            let number = numbering.number(of: deferred.digests[index].name)
            if deferred.digests[index].name.utf8.count > 15, !Self.sameStorage(deferred.digests[index].name, numbering.names[number]) {
                deferred.digests[index].name = numbering.names[number]
            }
        }
        self.deferred = deferred
    }

    /// Whether two strings are one: the same bytes in memory, not only equal bytes.
    private static func sameStorage(_ a: String, _ b: String) -> Bool {
        let first = a.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        let second = b.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        guard let first, let second else { return false }
        return first == second
    }

    /// Decodes the results of a run loaded without them into `record`. False when they cannot be
    /// decoded (the cache file changed while it was being read): read the history again without
    /// the cache then.
    public mutating func complete() -> Bool {
        guard deferred != nil else { return true }
        guard let results = decodedResults() else { return false }
        complete(with: results)
        return true
    }

    /// The results of a run loaded without them, decoded; nil when they cannot be (or it is complete).
    func decodedResults() -> [BenchmarkResult]? {
        deferred?.results.decode()
    }

    /// Puts the decoded results (`decodedResults()`) in `record`.
    mutating func complete(with results: [BenchmarkResult]) {
        record.benchmarks = results
        deferred = nil
    }

    /// The run file's name, also for a packed run: what orders two runs that started together.
    public var name: String { member ?? url.lastPathComponent }

    /// "history/x.json", or "history/pack-2026-01-1.jsonl.gz#x.json" for a packed run.
    public func location(_ display: (URL) -> String) -> String {
        display(url) + (member.map { "#" + $0 } ?? "")
    }
}

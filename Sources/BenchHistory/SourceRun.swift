import BenchModel

/// One run of a history file as it was read: a run file's one run, or one of a pack's, with the
/// name its run file had (`PackIndex.Entry.file`).
///
/// A pack's run that fails the run file checks fails alone, so a source is a list of results,
/// not a result of a list; the report cache keeps only sources whose every run is usable.
struct SourceRun: Sendable {
    /// The run file's name inside a pack; nil for a run file.
    var member: String?
    var result: Result<RunRecord, RunFileProblem>
    /// When the run came from the cache without its results (`HistoryStore.load(cache:deferringResults:)`):
    /// the digests of its results, and where the results themselves are.
    var deferred: DeferredRun?

    init(member: String?, result: Result<RunRecord, RunFileProblem>, deferred: DeferredRun? = nil) {
        self.member = member
        self.result = result
        self.deferred = deferred
    }
}

/// A history file read once: its runs, and a hash of its bytes when they were hashed (the cache
/// hashes every file it reads or reuses; a load without it does not).
struct ReadSource: Sendable {
    var result: Result<[SourceRun], RunFileProblem>
    var contentHash: UInt64?

    /// A run's fingerprint: the hash of the bytes it was read from, and for a pack's run its name
    /// there too. Equal fingerprints mean equal runs for this benchboard, which is what lets a
    /// report know a run has not changed without comparing the runs.
    func fingerprint(member: String?) -> UInt64? {
        guard let contentHash else { return nil }
        guard let member else { return contentHash }
        var w = CacheWriter(capacity: 16 + member.utf8.count)
        w.fixed64(contentHash)
        w.string(member)
        return w.bytes.withUnsafeBytes { ContentHash.of($0) }
    }
}

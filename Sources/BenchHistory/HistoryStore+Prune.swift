import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `prune` deleted, or with a dry run would delete.
public struct PruneOutcome: Sendable {
    /// Run files and whole packs, oldest run first.
    public var deleted: [URL] = []
    /// Packs that hold runs to delete next to runs to keep: a pack is never rewritten, so they
    /// stay whole, with how many of their runs the limits would have deleted.
    public var keptPacks: [(url: URL, runs: Int)] = []
}

extension HistoryStore {
    /// Deletes old runs, on explicit request only (nothing else in benchboard ever deletes).
    ///
    /// - `keepLast`: the newest `keepLast` runs are kept, older ones are candidates.
    /// - `before`: runs started before this date are candidates.
    /// - Both: a run is deleted only when it is a candidate of both, so `keepLast` always keeps
    ///   the newest runs however old they are.
    ///
    /// A pack is deleted whole when every run in it is a candidate; one that also holds a run
    /// to keep stays as it is (it is never rewritten), and is listed in `keptPacks`. Files that
    /// could not be read as runs, and packs with a run that could not be read, are never touched.
    /// Returns what was deleted, or with `dryRun` what would be.
    public func prune(keepLast: Int?, before: Date?, dryRun: Bool) throws(HistoryError) -> PruneOutcome {
        guard keepLast != nil || before != nil else { throw .pruneNeedsALimit }
        if let keepLast, keepLast < 0 { throw .invalidKeepLast(keepLast) }
        if case let .unlistable(warning) = runFiles() {
            throw .cannotList(directory, reason: warning.reason)
        }
        let loaded = load()
        let runs = loaded.runs
        let protected = keepLast.map { max(runs.count - $0, 0) } ?? runs.count
        var doomed: [URL] = []
        var packed: [URL: (doomed: Int, kept: Int)] = [:]
        for (position, run) in runs.enumerated() {
            let beyondKeep = keepLast == nil || position < protected
            let tooOld = before.map { run.record.startedAt < $0 } ?? true
            let candidate = beyondKeep && tooOld
            if run.member != nil {
                var count = packed[run.url] ?? (0, 0)
                if candidate { count.doomed += 1 } else { count.kept += 1 }
                packed[run.url] = count
                if candidate, count.doomed == 1 { doomed.append(run.url) }
            } else if candidate {
                doomed.append(run.url)
            }
        }
        var outcome = PruneOutcome()
        let damaged = Set(loaded.warnings.filter(\.skipped).map(\.url))
        for url in doomed {
            if let count = packed[url], count.kept > 0 || damaged.contains(url) {
                outcome.keptPacks.append((url, count.doomed))
            } else {
                outcome.deleted.append(url)
            }
        }
        guard !dryRun else { return outcome }
        for url in outcome.deleted {
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw .cannotDelete(url, reason: AtomicFile.reason(error))
            }
        }
        // A run file a stopped `pack` left behind goes with its pack.
        let gone = Set(outcome.deleted)
        for file in loaded.packedLoose {
            guard let holder = runs.first(where: { $0.member == file.lastPathComponent }), gone.contains(holder.url) else { continue }
            if unlink(file.path) == 0 { outcome.deleted.append(file) }
        }
        return outcome
    }
}

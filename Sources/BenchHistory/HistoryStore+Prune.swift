import Foundation

extension HistoryStore {
    /// Deletes old runs, on explicit request only (nothing else in benchboard ever deletes).
    ///
    /// - `keepLast`: the newest `keepLast` runs are kept, older ones are candidates.
    /// - `before`: runs started before this date are candidates.
    /// - Both: a run is deleted only when it is a candidate of both, so `keepLast` always keeps
    ///   the newest runs however old they are.
    ///
    /// Files that could not be read as runs are never touched. Returns what was deleted, oldest
    /// first, or with `dryRun` what would be.
    public func prune(keepLast: Int?, before: Date?, dryRun: Bool) throws(HistoryError) -> [URL] {
        guard keepLast != nil || before != nil else { throw .pruneNeedsALimit }
        if let keepLast, keepLast < 0 { throw .invalidKeepLast(keepLast) }
        if case let .unlistable(warning) = runFiles() {
            throw .cannotList(directory, reason: warning.reason)
        }
        let runs = load().runs
        let protected = keepLast.map { max(runs.count - $0, 0) } ?? runs.count
        var doomed: [URL] = []
        for (position, run) in runs.enumerated() {
            let beyondKeep = keepLast == nil || position < protected
            let tooOld = before.map { run.record.startedAt < $0 } ?? true
            if beyondKeep, tooOld { doomed.append(run.url) }
        }
        guard !dryRun else { return doomed }
        for url in doomed {
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw .cannotDelete(url, reason: AtomicFile.reason(error))
            }
        }
        return doomed
    }
}

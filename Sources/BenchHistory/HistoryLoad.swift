import Foundation

/// Everything readable in a history folder, plus what was skipped.
public struct HistoryLoad: Sendable {
    /// Oldest first by start time (`RunRecord.startsBefore`), then by id.
    public var runs: [StoredRun]
    /// In file-name order.
    public var warnings: [HistoryWarning]
    /// What the report cache did, when the load went through one.
    public var cache: HistoryCacheReport?

    public init(runs: [StoredRun], warnings: [HistoryWarning]) {
        self.runs = runs
        self.warnings = warnings
    }

    /// The files that hold a run with `id`, oldest run first; more than one when a file was copied.
    public func files(of id: String) -> [URL] {
        runs.filter { $0.record.id == id }.map(\.url)
    }
}

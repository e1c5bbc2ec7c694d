/// Everything readable in a history folder, plus what was skipped.
public struct HistoryLoad: Sendable {
    /// Oldest first by start time (`RunRecord.startsBefore`), then by id.
    public var runs: [StoredRun]
    /// In file-name order.
    public var warnings: [HistoryWarning]

    public init(runs: [StoredRun], warnings: [HistoryWarning]) {
        self.runs = runs
        self.warnings = warnings
    }
}

import Foundation

/// Everything readable in a history folder, plus what was skipped.
public struct HistoryLoad: Sendable {
    /// Oldest first by start time (`RunRecord.startsBefore`), then by id.
    public var runs: [StoredRun]
    /// In file-name order.
    public var warnings: [HistoryWarning]
    /// Run files whose run a pack holds too, byte for byte as decoded: left behind by a `pack`
    /// stopped before it removed them. Each such run is read once, from its pack; the next
    /// `pack` removes these files.
    public var packedLoose: [URL]
    /// What the report cache did, when the load went through one.
    public var cache: HistoryCacheReport?

    public init(runs: [StoredRun], warnings: [HistoryWarning], packedLoose: [URL] = []) {
        self.runs = runs
        self.warnings = warnings
        self.packedLoose = packedLoose
    }

    /// The files that hold a run with `id`, oldest run first; more than one when a file was copied.
    public func files(of id: String) -> [URL] {
        runs.filter { $0.record.id == id }.map(\.url)
    }
}

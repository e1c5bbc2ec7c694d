import BenchModel
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

    /// Completes the runs at `indices` (`StoredRun.complete()`), decoding their results on every
    /// core: a report completes a hundred runs or more. False when one of them cannot be decoded.
    public mutating func complete(_ indices: some Sequence<Int>) -> Bool {
        var wanted: [Int] = []
        var seen: Set<Int> = []
        for index in indices where runs.indices.contains(index) && !runs[index].isComplete && seen.insert(index).inserted {
            wanted.append(index)
        }
        let decoded = ParallelMap.map(wanted) { [runs] index in runs[index].decodedResults() }
        for (index, results) in zip(wanted, decoded) {
            guard let results else { return false }
            runs[index].complete(with: results)
        }
        return true
    }

    /// The files that hold a run with `id`, oldest run first; more than one when a file was copied.
    public func files(of id: String) -> [URL] {
        runs.filter { $0.record.id == id }.map(\.url)
    }
}

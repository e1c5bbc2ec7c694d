import Foundation
import BenchModel

/// What a trend point takes from its run: id, start and commit. Made once per run for all the
/// trends of a history: reading them from the run for each of hundreds of benchmarks retains and
/// releases the run's fields each time.
public struct TrendStamp: Sendable {
    public var runID: String
    public var date: Date
    public var commit: String?

    public init(_ run: RunRecord) {
        runID = run.id
        date = run.startedAt
        commit = run.git?.commit
    }
}

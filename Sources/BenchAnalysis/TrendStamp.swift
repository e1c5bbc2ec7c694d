import Foundation
import BenchModel

/// What a trend point takes from its run: id, start and commit. Made once per run for all the
/// trends of a history, and shared by reference: a history of 5000 runs and 300 benchmarks has
/// 1.5 million points, and each holding its own id and commit strings doubled their memory and
/// retained two strings per copy.
public final class TrendStamp: Sendable {
    public let runID: String
    public let date: Date
    public let commit: String?

    public init(runID: String, date: Date, commit: String?) {
        self.runID = runID
        self.date = date
        self.commit = commit
    }

    public convenience init(_ run: RunRecord) {
        self.init(runID: run.id, date: run.startedAt, commit: run.git?.commit)
    }
}

/// What a comparison concluded about one metric of one benchmark.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case regression
    case improvement
    case unchanged
    /// Only in the current run.
    case new
    /// Only in the baseline.
    case removed
    /// The data cannot decide whether the change passes the threshold; `MetricComparison.note` says why.
    case noisy
    /// Either side failed, crashed or timed out.
    case failed
    /// A change the evidence cannot confirm yet: a first run, a single process a side, too few
    /// earlier runs, or a change within the benchmark's own run-to-run spread.
    /// `MetricComparison.note` says which. It never fails the gate.
    case unconfirmed

    /// Worst news first when sorting rows for a report.
    public var severity: Int {
        switch self {
        case .failed: 0
        case .regression: 1
        case .noisy: 2
        case .unconfirmed: 3
        case .new: 4
        case .removed: 5
        case .improvement: 6
        case .unchanged: 7
        }
    }
}

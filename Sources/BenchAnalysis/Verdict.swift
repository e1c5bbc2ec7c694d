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

    /// Worst news first when sorting rows for a report.
    public var severity: Int {
        switch self {
        case .failed: 0
        case .regression: 1
        case .noisy: 2
        case .new: 3
        case .removed: 4
        case .improvement: 5
        case .unchanged: 6
        }
    }
}

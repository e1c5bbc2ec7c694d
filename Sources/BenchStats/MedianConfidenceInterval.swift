/// A distribution-free confidence interval of the median from order statistics.
///
/// The number of samples below the true median is Binomial(n, ½) whatever the distribution,
/// so [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] covers the median with probability 1 − 2·P(B ≤ k − 1). We take the
/// largest k whose coverage is still at least `level` (the interval is conservative: its real
/// coverage is `coverage`, at or above the level asked for). No resampling, no seed, and the
/// same answer on every machine, which matters because the bounds are stored in run files.
public struct MedianConfidenceInterval: Sendable, Equatable {
    public let low: Double
    public let high: Double
    /// The exact coverage probability of the interval (≥ the level asked for).
    public let coverage: Double
    /// 1-based ranks of the bounds in the sorted samples.
    public let lowRank: Int
    public let highRank: Int

    /// Nil when there are too few samples to reach `level` at all (fewer than 6 for 95 %).
    public init?(sorted: [Double], level: Double = 0.95) {
        let n = sorted.count
        guard n > 0, level > 0, level < 1 else { return nil }
        guard let k = Self.lowerRank(count: n, level: level) else { return nil }
        lowRank = k
        highRank = n - k + 1
        low = sorted[k - 1]
        high = sorted[n - k]
        coverage = 1 - 2 * Self.binomialHalfCDF(n: n, upTo: k - 1)
    }

    /// The largest k ≥ 1 with 2·P(B ≤ k − 1) ≤ 1 − level, B ~ Binomial(n, ½); nil when even k = 1 fails.
    static func lowerRank(count n: Int, level: Double) -> Int? {
        let tail = (1 - level) / 2
        // Walk up the binomial CDF in log space (the pmf underflows for large n if done directly).
        let log2 = MathFunctions.naturalLog(2)
        var logChoose = 0.0
        var cdf = 0.0
        var j = 0
        while j <= n / 2 {
            cdf += MathFunctions.exponential(logChoose - Double(n) * log2)
            if cdf > tail { break }
            j += 1
            logChoose += MathFunctions.naturalLog(Double(n - j + 1)) - MathFunctions.naturalLog(Double(j))
        }
        // P(B ≤ j − 1) ≤ tail < P(B ≤ j): the lower bound is the j-th order statistic.
        return j >= 1 ? j : nil
    }

    static func binomialHalfCDF(n: Int, upTo k: Int) -> Double {
        guard k >= 0 else { return 0 }
        let log2 = MathFunctions.naturalLog(2)
        var logChoose = 0.0
        var cdf = 0.0
        for j in 0...k {
            if j > 0 { logChoose += MathFunctions.naturalLog(Double(n - j + 1)) - MathFunctions.naturalLog(Double(j)) }
            cdf += MathFunctions.exponential(logChoose - Double(n) * log2)
        }
        return Swift.min(cdf, 1)
    }
}

/// Descriptive statistics of one sample set. Pure arithmetic on `[Double]`, no units assumed.
public struct Summary: Sendable, Equatable {
    public let count: Int
    public let min: Double
    public let max: Double
    public let mean: Double
    public let median: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 for fewer than two samples.
    public let standardDeviation: Double
    /// Median absolute deviation from the median (unscaled).
    public let mad: Double
    public let p90: Double
    public let p99: Double
    /// The 95 % distribution-free confidence interval of the median; nil below 6 samples.
    public let medianCI95: MedianConfidenceInterval?
    /// The best two-cluster split of the samples; nil below `Bimodality.minimumCount` samples.
    public let bimodality: Bimodality?
    private let sorted: [Double]

    /// Nil for an empty sample set: there is nothing to summarise.
    public init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        self.sorted = sorted
        count = sorted.count
        min = sorted[0]
        max = sorted[sorted.count - 1]
        mean = sorted.reduce(0, +) / Double(sorted.count)
        median = Quantile.of(sorted: sorted, 0.5)
        p90 = Quantile.of(sorted: sorted, 0.90)
        p99 = Quantile.of(sorted: sorted, 0.99)
        if sorted.count > 1 {
            let m = mean
            let squares = sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            standardDeviation = (squares / Double(sorted.count - 1)).squareRoot()
        } else {
            standardDeviation = 0
        }
        let center = median
        mad = Quantile.of(sorted: sorted.map { abs($0 - center) }.sorted(), 0.5)
        medianCI95 = MedianConfidenceInterval(sorted: sorted, level: 0.95)
        bimodality = Bimodality(sorted: sorted)
    }

    /// Standard deviation over mean; nil when the mean is zero.
    public var coefficientOfVariation: Double? {
        mean == 0 ? nil : standardDeviation / mean
    }

    /// The distribution-free confidence interval of the median at `level`; nil when there are
    /// too few samples to reach that level (fewer than 6 at 95 %).
    public func medianConfidenceInterval(level: Double = 0.95) -> (low: Double, high: Double)? {
        let interval = level == 0.95 ? medianCI95 : MedianConfidenceInterval(sorted: sorted, level: level)
        return interval.map { ($0.low, $0.high) }
    }

    /// Whether the spread is too wide to support a verdict at `threshold` (0.05 = 5 %).
    public func noise(threshold: Double) -> NoiseAssessment {
        NoiseAssessment(self, threshold: threshold)
    }

    public func isNoisy(threshold: Double) -> Bool { noise(threshold: threshold).isNoisy }
}

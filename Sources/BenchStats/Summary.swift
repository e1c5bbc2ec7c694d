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

    /// Nil for an empty sample set: there is nothing to summarise.
    public init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
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
    }

    /// Standard deviation over mean; nil when the mean is zero.
    public var coefficientOfVariation: Double? {
        mean == 0 ? nil : standardDeviation / mean
    }
}

public enum Quantile {
    /// Linear interpolation between closest ranks (NumPy's default, R type 7).
    public static func of(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty sample set")
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

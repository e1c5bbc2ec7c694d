/// Summary statistics of samples that are counts rather than durations (instruction counts).
public struct CountStats: Codable, Sendable, Equatable {
    public var count: Int
    public var min: Double
    public var max: Double
    public var mean: Double
    public var median: Double
    public var stddev: Double

    public init(count: Int, min: Double, max: Double, mean: Double, median: Double, stddev: Double) {
        self.count = count
        self.min = min
        self.max = max
        self.mean = mean
        self.median = median
        self.stddev = stddev
    }

    /// Nil for no samples.
    public init?(_ samples: [Int64]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map { Double($0) }.sorted()
        let n = Double(sorted.count)
        let mean = sorted.reduce(0, +) / n
        let mid = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        let variance = sorted.count > 1 ? sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
        self.init(
            count: sorted.count, min: sorted[0], max: sorted[sorted.count - 1], mean: mean, median: median,
            stddev: variance.squareRoot())
    }

    /// (max − min) / median: how far apart the samples lie, as a fraction.
    public var relativeSpread: Double { median > 0 ? (max - min) / median : 0 }
}

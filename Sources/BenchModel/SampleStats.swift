/// Summary statistics of one benchmark's samples, recorded in the run file so reports never
/// recompute what a run already knows. All times in nanoseconds.
public struct SampleStats: Codable, Sendable, Equatable {
    public var count: Int
    public var minNs: Double
    public var maxNs: Double
    public var meanNs: Double
    public var medianNs: Double
    public var stddevNs: Double
    /// Median absolute deviation (unscaled).
    public var madNs: Double?
    public var p90Ns: Double?
    public var p99Ns: Double?
    /// Standard deviation over mean.
    public var cv: Double?
    /// 95 % confidence interval of the median.
    public var ciLowNs: Double?
    public var ciHighNs: Double?
    /// The spread is too wide to support a verdict at the configured threshold.
    public var noisy: Bool?

    public init(
        count: Int, minNs: Double, maxNs: Double, meanNs: Double, medianNs: Double, stddevNs: Double,
        madNs: Double? = nil, p90Ns: Double? = nil, p99Ns: Double? = nil, cv: Double? = nil,
        ciLowNs: Double? = nil, ciHighNs: Double? = nil, noisy: Bool? = nil
    ) {
        self.count = count
        self.minNs = minNs
        self.maxNs = maxNs
        self.meanNs = meanNs
        self.medianNs = medianNs
        self.stddevNs = stddevNs
        self.madNs = madNs
        self.p90Ns = p90Ns
        self.p99Ns = p99Ns
        self.cv = cv
        self.ciLowNs = ciLowNs
        self.ciHighNs = ciHighNs
        self.noisy = noisy
    }
}

/// The few figures of a benchmark's result that a report needs for every run it does not show in
/// full: the trend point, the median a run table or a quarter's CSV compares and prints, the
/// outcome, and whether it ran slow. A long history's report holds one of these per run and
/// benchmark instead of the whole result (samples, processes, settings: some 3 KB each), so that
/// its memory follows the runs it shows, not every run ever recorded.
///
/// Every figure is the one the full result gives (`init(_:)` is the only place that derives
/// them), so a page made from digests is the page made from the results. Missing values are NaN
/// rather than optionals: the struct stays 56 bytes, which matters a million times over.
public struct ResultDigest: Sendable, Equatable {
    public var name: String
    public var outcome: Outcome
    public var metric: Metric
    /// Passed, with a median over its target (`OutcomeCounts.slow`).
    public var isSlow: Bool
    /// The median in the result's own metric (`medianNs`, or `medianInstructions`), whatever the
    /// outcome; NaN when there is none.
    public var medianValue: Double
    /// The trend point's median (NaN when the result did not succeed or has none) and the spread
    /// band around it (NaN when unknown), as `Analyzer.trend` draws them: for time the confidence
    /// interval where recorded, else min and max; for instructions the counts' min and max.
    public var trendMedianValue: Double
    public var lowValue: Double
    public var highValue: Double

    public init(
        name: String, outcome: Outcome, metric: Metric, isSlow: Bool, median: Double?, trendMedian: Double?, low: Double?,
        high: Double?
    ) {
        self.name = name
        self.outcome = outcome
        self.metric = metric
        self.isSlow = isSlow
        medianValue = median ?? .nan
        trendMedianValue = trendMedian ?? .nan
        lowValue = low ?? .nan
        highValue = high ?? .nan
    }

    public init(_ result: BenchmarkResult) {
        let median = result.metric == .instructions ? result.medianInstructions : result.medianNs
        switch result.metric {
        case .time:
            let stats = result.stats
            self.init(
                name: result.name, outcome: result.outcome, metric: result.metric,
                isSlow: result.outcome.isSuccess && result.isFast == false, median: median,
                trendMedian: result.outcome.isSuccess ? result.medianNs : nil, low: stats?.ciLowNs ?? stats?.minNs,
                high: stats?.ciHighNs ?? stats?.maxNs)
        case .instructions:
            let counts = result.instructionStats ?? result.samplesInstructions.flatMap { CountStats($0) }
            self.init(
                name: result.name, outcome: result.outcome, metric: result.metric,
                isSlow: result.outcome.isSuccess && result.isFast == false, median: median,
                trendMedian: result.outcome.isSuccess ? counts?.median : nil, low: counts?.min, high: counts?.max)
        }
    }

    public var median: Double? { medianValue.isNaN ? nil : medianValue }
    public var trendMedian: Double? { trendMedianValue.isNaN ? nil : trendMedianValue }
    public var low: Double? { lowValue.isNaN ? nil : lowValue }
    public var high: Double? { highValue.isNaN ? nil : highValue }

    /// NaN equals NaN here: two digests of the same result are equal.
    public static func == (a: ResultDigest, b: ResultDigest) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }
        return a.name == b.name && a.outcome == b.outcome && a.metric == b.metric && a.isSlow == b.isSlow
            && same(a.medianValue, b.medianValue) && same(a.trendMedianValue, b.trendMedianValue)
            && same(a.lowValue, b.lowValue) && same(a.highValue, b.highValue)
    }
}

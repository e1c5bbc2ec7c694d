import BenchModel


/// Turns a benchmark's raw samples into the `SampleStats` stored in its run file, so reports read
/// the figures instead of recomputing them.
public enum SampleStatistics {
    /// Nil for an empty sample set. `threshold` (0.05 = 5 %) is the regression threshold the
    /// `noisy` flag is judged at; see `NoiseAssessment` for the rule.
    public static func make(samplesNs: [Int64], threshold: Double) -> SampleStats? {
        guard let summary = Summary(samplesNs.map { Double($0) }) else { return nil }
        return make(summary: summary, threshold: threshold)
    }

    public static func make(summary: Summary, threshold: Double) -> SampleStats {
        SampleStats(
            count: summary.count, minNs: summary.min, maxNs: summary.max, meanNs: summary.mean,
            medianNs: summary.median, stddevNs: summary.standardDeviation, madNs: summary.mad, p90Ns: summary.p90,
            p99Ns: summary.p99, cv: summary.coefficientOfVariation, ciLowNs: summary.medianCI95?.low,
            ciHighNs: summary.medianCI95?.high, noisy: summary.isNoisy(threshold: threshold))
    }
}

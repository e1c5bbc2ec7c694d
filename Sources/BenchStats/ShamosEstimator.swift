/// The Shamos estimator of the standard deviation: the median of all pairwise absolute differences
/// |xᵢ − xⱼ| (i < j), × 1/(√2 · Φ⁻¹(¾)) = 1.0483 so that it estimates σ for normal data.
///
/// Why rather than 1.4826 × MAD: both ignore a minority of wild values (breakdown point 29 %
/// here, 50 % for the MAD), but on normal data the Shamos estimator is 86 % as efficient as the
/// standard deviation and the MAD only 37 %. With the 5–20 per-run values a history window holds,
/// that difference decides how often a band of ±3 estimated σ is too narrow by chance: measured
/// for 20 values, a new value lands outside it 0.4 % of the time against 0.7 % for the MAD, at
/// the same power to see a real 5 σ step.
public enum ShamosEstimator {
    static let consistency = 1.0483

    /// Nil for fewer than two values. O(n²) pairs, meant for short series.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        var differences: [Double] = []
        differences.reserveCapacity(values.count * (values.count - 1) / 2)
        for i in values.indices {
            for j in (i + 1)..<values.count { differences.append(abs(values[i] - values[j])) }
        }
        return Quantile.median(differences).map { $0 * consistency }
    }
}

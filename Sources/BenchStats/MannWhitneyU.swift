/// The two-sided Mann-Whitney U test (Wilcoxon rank-sum), computed the way
/// `scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")` does:
///
/// - ranks with ties averaged; U₁ = R₁ − n₁(n₁ + 1)/2 is the statistic of the first sample;
/// - exact null distribution when either sample has at most 8 values and there are no ties;
///   the p-value is 2·P(U ≥ max(U₁, U₂)), clipped to 1;
/// - otherwise the normal approximation with the tie-corrected variance
///   n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))) and a continuity correction of ½.
///
/// One deliberate difference: the exact distribution is only computed while n₁·n₂ ≤ 20 000
/// (its cost grows like n₁·n₂·min(U)); beyond that the normal approximation is used.
/// Benchmark sample sets of 8 against thousands are not something a report compares.
public struct MannWhitneyU: Sendable, Equatable {
    public enum Method: String, Sendable, Equatable {
        case exact
        case asymptotic
    }

    /// U of the first sample: how often one of its values exceeds one of the second's (ties count ½).
    public let u1: Double
    /// U of the second sample, n₁·n₂ − U₁.
    public let u2: Double
    /// Two-sided p-value.
    public let pValue: Double
    public let method: Method
    /// The standardised statistic of the normal approximation (with continuity correction); nil for exact.
    public let z: Double?

    /// Nil when either sample is empty.
    public init?(_ x: [Double], _ y: [Double]) {
        let n1 = x.count
        let n2 = y.count
        guard n1 > 0, n2 > 0 else { return nil }
        let ranked = Self.rank(x + y)
        var rankSum = 0.0
        for i in 0..<n1 { rankSum += ranked.ranks[i] }
        let product = Double(n1) * Double(n2)
        u1 = rankSum - Double(n1) * Double(n1 + 1) / 2
        u2 = product - u1
        let larger = Swift.max(u1, u2)
        let hasTies = ranked.tieTerm > 0
        if (n1 <= 8 || n2 <= 8) && !hasTies && product <= 20_000 {
            method = .exact
            z = nil
            let upper = Int(larger.rounded())
            // P(U ≥ upper) = P(U ≤ n₁n₂ − upper) by symmetry.
            let cdf = Self.exactCumulativeProbability(Swift.min(n1, n2), Swift.max(n1, n2), upTo: n1 * n2 - upper)
            pValue = Swift.min(1, Swift.max(0, 2 * cdf))
        } else {
            method = .asymptotic
            let n = Double(n1 + n2)
            let mu = product / 2
            let variance = product / 12 * ((n + 1) - ranked.tieTerm / (n * (n - 1)))
            let s = variance > 0 ? variance.squareRoot() : 0
            let numerator = larger - mu - 0.5
            let zValue: Double
            if s > 0 {
                zValue = numerator / s
            } else {
                // Every value identical: SciPy divides by zero and gets −∞, hence p = 1.
                zValue = numerator < 0 ? -.infinity : (numerator > 0 ? .infinity : 0)
            }
            z = zValue
            pValue = Swift.min(1, Swift.max(0, 2 * MathFunctions.normalSurvival(zValue)))
        }
    }

    /// Average ranks (1-based) and Σ(t³ − t) over groups of tied values.
    static func rank(_ values: [Double]) -> (ranks: [Double], tieTerm: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end share the average of ranks start+1 … end.
            let average = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = average }
            let t = Double(end - start)
            tieTerm += t * t * t - t
            start = end
        }
        return (ranks, tieTerm)
    }

    /// P(U ≤ k) under the null hypothesis for samples of sizes m and n, without ties.
    ///
    /// The number of arrangements with U = u is the number of partitions of u into at most m
    /// parts none larger than n, counted with p(i, j, u) = p(i, j − 1, u) + p(i − 1, j, u − j).
    /// Only u ≤ k is kept, and every step adds non-negative counts, so doubles stay exact to
    /// rounding even far in the tail (a generating-function division would cancel there).
    public static func exactCumulativeProbability(_ m: Int, _ n: Int, upTo k: Int) -> Double {
        guard k >= 0 else { return 0 }
        return exactCumulativeDistribution(m, n, upTo: k).last ?? 0
    }

    /// P(U ≤ u) for every u in 0…min(k, m·n), same counting as `exactCumulativeProbability`;
    /// one pass serves every rank an interval estimate has to try.
    static func exactCumulativeDistribution(_ m: Int, _ n: Int, upTo k: Int) -> [Double] {
        guard k >= 0 else { return [] }
        let limit = Swift.min(k, m * n)
        // counts[i][u]: partitions of u into at most i parts, each ≤ j (for the current j).
        var counts = [[Double]](repeating: [Double](repeating: 0, count: limit + 1), count: m + 1)
        for i in 0...m { counts[i][0] = 1 }
        if limit > 0 && m > 0 {
            for j in 1...n where j <= limit {
                for i in 1...m {
                    for u in stride(from: limit, through: j, by: -1) {
                        counts[i][u] += counts[i - 1][u - j]
                    }
                }
            }
        }
        // C(m + n, m) as a double: the number of equally likely arrangements.
        var total = 1.0
        for i in 0..<m { total = total * Double(n + i + 1) / Double(i + 1) }
        var favourable = 0.0
        return (0...limit).map { u in
            favourable += counts[m][u]
            return Swift.min(1, favourable / total)
        }
    }
}

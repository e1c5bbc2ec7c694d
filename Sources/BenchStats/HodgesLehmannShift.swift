/// The Hodges–Lehmann estimate of the shift between two sample sets and its distribution-free
/// confidence interval (Moses' interval, the one `wilcox.test(x, y, conf.int = TRUE)` in R gives).
///
/// The estimate is the median of all m·n differences yⱼ − xᵢ. The interval is
/// [D₍ₖ₎, D₍ₘₙ₋ₖ₊₁₎] of the sorted differences, with k the largest rank whose tail
/// P(U ≤ k − 1) under the Mann-Whitney null distribution is at most (1 − level)/2. It is the
/// set of shifts the two-sided Mann-Whitney test at 1 − level would not reject, so it excludes
/// zero exactly when that test calls the samples different, and it only assumes that the two
/// distributions have the same shape (no normality). k comes from the exact distribution for
/// m·n ≤ `exactLimit` (small sets, where the normal approximation is coarse) and from the
/// normal approximation with a continuity correction otherwise. When even k = 1 does not reach
/// the level (3 against 3 at 99 %), the interval is the whole range of differences and
/// `coverage` says what that range really covers.
///
/// The differences are never stored: the k-th smallest is found by bisecting on its value, each
/// step counting the differences below a value in O(m + n) on the sorted sets, about
/// log₂(m·n) steps. 1,000 against 1,000 samples costs little more than sorting them.
public struct HodgesLehmannShift: Sendable, Equatable {
    public let low: Double
    public let high: Double
    /// The coverage probability of [low, high]: at least the level asked for, lower only when
    /// the sets are too small to reach it.
    public let coverage: Double

    /// Above this many pairs the normal approximation decides the rank k (the exact
    /// distribution costs m·n·k steps).
    static let exactLimit = 400

    /// The shift from `x` to `y` (y − x). Nil when either set is empty or holds a non-finite value.
    public init?(_ x: [Double], _ y: [Double], level: Double) {
        guard !x.isEmpty, !y.isEmpty, level > 0, level < 1, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            return nil
        }
        let xs = x.sorted()
        let ys = y.sorted()
        let pairs = xs.count * ys.count
        let rank = Self.rank(m: xs.count, n: ys.count, level: level)
        low = Self.kthSmallestDifference(xs, ys, rank.k)
        high = Self.kthSmallestDifference(xs, ys, pairs - rank.k + 1)
        coverage = rank.coverage
        sortedX = xs
        sortedY = ys
    }

    private let sortedX: [Double]
    private let sortedY: [Double]

    /// Median of the pairwise differences y − x. Computed when asked: the verdicts only need
    /// the interval, and this costs as much again.
    public var estimate: Double {
        let pairs = sortedX.count * sortedY.count
        let select = { (k: Int) in Self.kthSmallestDifference(sortedX, sortedY, k) }
        return pairs % 2 == 1 ? select((pairs + 1) / 2) : (select(pairs / 2) + select(pairs / 2 + 1)) / 2
    }

    /// The lower rank k ≥ 1 of the interval and its coverage.
    static func rank(m: Int, n: Int, level: Double) -> (k: Int, coverage: Double) {
        let tail = (1 - level) / 2
        let pairs = m * n
        if pairs <= exactLimit {
            // cdf[u] = P(U ≤ u); the interval [D₍ₖ₎, D₍ₘₙ₋ₖ₊₁₎] misses with probability 2·P(U ≤ k − 1).
            let cdf = MannWhitneyU.exactCumulativeDistribution(Swift.min(m, n), Swift.max(m, n), upTo: pairs / 2)
            var k = 1
            while k < cdf.count, cdf[k] <= tail { k += 1 }
            return (k, Swift.max(0, 1 - 2 * cdf[k - 1]))
        }
        let mean = Double(pairs) / 2
        let deviation = (Double(pairs) * Double(m + n + 1) / 12).squareRoot()
        let z = MathFunctions.normalQuantile(1 - tail)
        let k = Swift.max(1, Int((mean + 0.5 - z * deviation).rounded(.down)))
        let missed = 2 * (1 - MathFunctions.normalSurvival((Double(k) - 0.5 - mean) / deviation))
        return (k, Swift.min(1, Swift.max(0, 1 - missed)))
    }

    /// The k-th smallest (1-based) of the differences y − x, `xs` and `ys` sorted ascending.
    ///
    /// Bisection on the value d, counting the differences ≤ d in O(m + n) per step. It stops as
    /// soon as exactly k differences are ≤ the upper end (the answer is then the largest of them),
    /// which takes about log₂(m·n) + a few steps; when ties keep the count from ever being
    /// exactly k, it goes on until the bracket holds a single double.
    static func kthSmallestDifference(_ xs: [Double], _ ys: [Double], _ k: Int) -> Double {
        // Invariant: fewer than k differences ≤ lower, at least k ≤ upper.
        var lower = (ys[0] - xs[xs.count - 1]).nextDown
        var upper = ys[ys.count - 1] - xs[0]
        var upperCount = xs.count * ys.count
        var steps = 0
        while upperCount != k, steps < 2_100 {
            steps += 1
            let middle = lower + (upper - lower) / 2
            guard middle > lower, middle < upper else { break }
            let count = countAtMost(middle, xs, ys)
            if count >= k {
                upper = middle
                upperCount = count
            } else {
                lower = middle
            }
        }
        return largestDifference(atMost: upper, xs, ys)
    }

    /// How many differences yⱼ − xᵢ are ≤ d. For each yⱼ they are the xᵢ from some index on,
    /// and that index only moves forward as yⱼ grows.
    static func countAtMost(_ d: Double, _ xs: [Double], _ ys: [Double]) -> Int {
        // Buffer pointers: this loop is the whole cost, and debug builds check every subscript.
        xs.withUnsafeBufferPointer { (x: UnsafeBufferPointer<Double>) -> Int in
            ys.withUnsafeBufferPointer { (y: UnsafeBufferPointer<Double>) -> Int in
                count(atMost: d, x, y)
            }
        }
    }

    private static func count(atMost d: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>)
        -> Int
    {
        var count = 0
        var i = 0
        for value in y {
            while i < x.count, value - x[i] > d { i += 1 }
            count += x.count - i
        }
        return count
    }

    /// The largest difference yⱼ − xᵢ ≤ d: for each yⱼ the first xᵢ that qualifies gives its largest one.
    static func largestDifference(atMost d: Double, _ xs: [Double], _ ys: [Double]) -> Double {
        var best = -Double.infinity
        var i = 0
        for y in ys {
            while i < xs.count, y - xs[i] > d { i += 1 }
            if i < xs.count { best = Swift.max(best, y - xs[i]) }
        }
        return best
    }
}

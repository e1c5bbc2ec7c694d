/// Welch's two-sample t test and the paired t test, on whatever scale the caller hands in (the
/// verdicts pass logarithms, so differences are ratios).
///
/// Why a t test and not Mann-Whitney U for process-level evidence: a suite can afford 3 to 10
/// processes a benchmark, and a rank test on so few values cannot reach α = 0.01 at all (its
/// smallest two-sided p is 0.1 with 3 a side, 0.029 with 4, 0.008 with 5). Each value is itself
/// the median of many samples, so it is close to normal on the log scale, and the t test's
/// estimate of its spread is the same one the smallest detectable change is computed from.
public struct TTest: Sendable, Equatable {
    /// Mean of the second set minus the first (current − baseline), or the mean of the differences.
    public let difference: Double
    /// The standard error of `difference`.
    public let standardError: Double
    public let degreesOfFreedom: Double
    /// Two-sided.
    public let pValue: Double

    /// Welch: baseline `x` against current `y`. Nil unless both have at least two values.
    public init?(welch x: [Double], _ y: [Double]) {
        guard x.count >= 2, y.count >= 2 else { return nil }
        let (mx, vx) = Self.meanAndVariance(x)
        let (my, vy) = Self.meanAndVariance(y)
        let sx = vx / Double(x.count)
        let sy = vy / Double(y.count)
        let se2 = sx + sy
        let df: Double
        if se2 > 0 {
            let denominator = sx * sx / Double(x.count - 1) + sy * sy / Double(y.count - 1)
            df = denominator > 0 ? se2 * se2 / denominator : Double(x.count + y.count - 2)
        } else {
            df = Double(x.count + y.count - 2)
        }
        self.init(difference: my - mx, standardError: se2.squareRoot(), degreesOfFreedom: df)
    }

    /// Paired: the differences current − baseline of matched pairs. Nil with fewer than two pairs.
    public init?(pairedDifferences d: [Double]) {
        guard d.count >= 2 else { return nil }
        let (mean, variance) = Self.meanAndVariance(d)
        self.init(
            difference: mean, standardError: (variance / Double(d.count)).squareRoot(),
            degreesOfFreedom: Double(d.count - 1))
    }

    init(difference: Double, standardError: Double, degreesOfFreedom: Double) {
        self.difference = difference
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        if standardError > 0 {
            pValue = StudentT.twoSidedP(difference / standardError, degreesOfFreedom: degreesOfFreedom)
        } else {
            // Identical values within each set: any difference is certain, none is none.
            pValue = difference == 0 ? 1 : 0
        }
    }

    /// The two-sided 1 − α confidence interval of `difference`.
    public func interval(alpha: Double) -> (low: Double, high: Double) {
        let half = StudentT.quantile(1 - alpha / 2, degreesOfFreedom: degreesOfFreedom) * standardError
        return (difference - half, difference + half)
    }

    /// Sample mean and unbiased variance.
    public static func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, squares / Double(values.count - 1))
    }
}

import BenchStats
import Foundation

/// The smallest change of a metric a benchmark detects with 80 % power: the true shift at which
/// the verdict rule (`Judge.processLevel`) says `regression` in four comparisons out of five, given
/// the spread it measured. A threshold below it cannot be gated on: changes of the threshold's
/// size pass unnoticed more often than not.
///
/// The rule needs two things of a shift δ (on the log scale, so it is a ratio):
/// - significance at the process level: with s the standard deviation of the log per-process
///   figures (pooled over both sides; in A/B, of the log ratios of the pairs) and k the processes,
///   the t statistic δ / (s·√(1/k₁ + 1/k₂)) must pass the two-sided critical value t(1 − α/2);
///   its power comes from the non-central t (Johnson and Welch's approximation), averaged over
///   how far s may be from the true spread;
/// - in history mode, the run's figure outside the run-to-run band, ±`RunToRunSpread.width` σ
///   around the history's median, σ its robust standard deviation r in relative terms: the new
///   figure scatters by about σ around center·(1 + δ), so this passes with probability
///   Φ(δ/r − width).
/// Both are asked of one run, so the power is taken as their product (they share the current
/// run's figure; the product errs on the cautious side), and δ is found by bisection.
enum DetectableChange {
    static let power = 0.8
    /// How many quantiles of the spread's uncertainty the power is averaged over.
    static let spreadQuantiles = 41

    /// The inverse error function, by Newton's method on `erf` (few calls, precision to spare).
    static func erfinv(_ y: Double) -> Double {
        guard y > -1, y < 1 else { return y <= -1 ? -.infinity : .infinity }
        var x = 0.0
        for _ in 0..<60 {
            let step = (erf(x) - y) / (2 / Double.pi.squareRoot() * Foundation.exp(-x * x))
            x -= step
            if abs(step) < 1e-13 { break }
        }
        return x
    }

    /// In percent; nil without a process spread (a side with one process).
    static func percent(
        processLogSD s: Double, standardErrorFactor: Double, degreesOfFreedom df: Double, runToRun relative: Double?,
        alpha: Double
    ) -> Double? {
        guard s.isFinite, s >= 0, df > 0, standardErrorFactor > 0 else { return nil }
        let se = s * standardErrorFactor
        let critical = StudentT.quantile(1 - alpha / 2, degreesOfFreedom: df)
        // Johnson and Welch's normal approximation of the non-central t: power at a standardized
        // shift λ is Φ((λ − c(1 − 1/4f)) / √(1 + c²/2f)).
        let spreadOfT = (1 + critical * critical / (2 * df)).squareRoot()
        let centre = critical * (1 - 1 / (4 * df))
        // s is itself measured from few figures (f degrees of freedom): the true spread is s / X
        // with X² ~ χ²(f)/f, and a figure from an s that came out small claims too much. The power
        // is averaged over that uncertainty (Wilson–Hilferty quantiles of χ²), so that shifts of
        // the size claimed are caught 80 % of the time over the benchmarks that claim it.
        let ratios: [Double] = (0..<Self.spreadQuantiles).map { index in
            let p = (Double(index) + 0.5) / Double(Self.spreadQuantiles)
            let z = (2.0).squareRoot() * erfinv(2 * p - 1)
            let h = 2 / (9 * df)
            let chiOverF = Swift.max(1e-6, Foundation.pow(1 - h + z * h.squareRoot(), 3))
            return chiOverF.squareRoot()
        }
        func probability(_ delta: Double) -> Double {
            var process = 1.0
            if se > 0 {
                process = ratios.reduce(0) { sum, ratio in
                    sum + 0.5 * erfc(-((delta / se) * ratio - centre) / spreadOfT / 2.0.squareRoot())
                } / Double(ratios.count)
            }
            guard let relative, relative > 0 else { return process }
            // The band is relative to the history's median; δ is a log ratio.
            let shift = Foundation.exp(delta) - 1
            let band = 0.5 * erfc(-(shift / relative - RunToRunSpread.width) / 2.0.squareRoot())
            return process * band
        }
        var low = 0.0
        var high = 0.01
        while probability(high) < power {
            high *= 2
            if high > 20 { return nil }
        }
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if probability(mid) < power { low = mid } else { high = mid }
        }
        return (Foundation.exp(high) - 1) * 100
    }

    /// Independent processes (history mode): Welch's standard error with a pooled spread.
    static func independent(
        baselineLogs: [Double], currentLogs: [Double], runToRun: Double?, alpha: Double
    ) -> Double? {
        guard baselineLogs.count >= 2, currentLogs.count >= 2 else { return nil }
        let b = TTest.meanAndVariance(baselineLogs)
        let c = TTest.meanAndVariance(currentLogs)
        let kb = Double(baselineLogs.count)
        let kc = Double(currentLogs.count)
        let pooled = ((kb - 1) * b.variance + (kc - 1) * c.variance) / (kb + kc - 2)
        return percent(
            processLogSD: pooled.squareRoot(), standardErrorFactor: (1 / kb + 1 / kc).squareRoot(),
            degreesOfFreedom: kb + kc - 2, runToRun: runToRun, alpha: alpha)
    }

    /// Pairs of one A/B job, judged by the signed-rank test: the spread of the log ratios taken
    /// robustly (Shamos), as the rank test sees it, and their standard error widened by the rank
    /// test's efficiency against the t test (3/π = 0.955 for normal ratios). Nil with fewer
    /// pairs than the rank test needs to reach α at all.
    static func paired(logRatios: [Double], alpha: Double) -> Double? {
        guard logRatios.count >= Swift.max(2, WilcoxonSignedRank.smallestCount(alpha: alpha)) else { return nil }
        let k = Double(logRatios.count)
        let spread = ShamosEstimator.standardDeviation(logRatios) ?? TTest.meanAndVariance(logRatios).variance.squareRoot()
        return percent(
            processLogSD: spread, standardErrorFactor: 1 / (signedRankEfficiency * k).squareRoot(), degreesOfFreedom: k - 1,
            runToRun: nil, alpha: alpha)
    }

    /// The signed-rank test's asymptotic relative efficiency against the t test on normal data.
    static let signedRankEfficiency = 3 / Double.pi
}

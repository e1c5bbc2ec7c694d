import BenchModel
import BenchStats

/// The verdict rules, one function per kind of metric.
enum Judge {
    /// Time: samples against samples.
    ///
    /// 1. Either side noisy at the threshold (see `NoiseAssessment`) → `noisy`.
    /// 2. Medians within the threshold → `unchanged`.
    /// 3. Beyond it and Mann-Whitney significant at `alpha` → `regression` / `improvement`.
    /// 4. Beyond it but not significant → `noisy`: the difference is big but the samples cannot
    ///    tell it from chance (with 3 samples a side p never drops below 0.1), so calling it
    ///    `unchanged` would hide a possible regression and calling it one would cry wolf.
    /// Runs stored without samples (only stats) fall back to the threshold alone.
    static func time(current: BenchmarkResult, baseline: BenchmarkResult, threshold: Double, alpha: Double)
        -> MetricComparison
    {
        let currentSamples = current.samplesNs.map { Double($0) }
        let baselineSamples = baseline.samplesNs.map { Double($0) }
        guard let currentSummary = Summary(currentSamples), let baselineSummary = Summary(baselineSamples) else {
            return byThreshold(baseline: baseline.medianNs, current: current.medianNs, threshold: threshold,
                note: "judged by the threshold alone: no samples recorded")
        }
        let base = baselineSummary.median
        let now = currentSummary.median
        guard base > 0 else {
            return MetricComparison(baseline: base, current: now, changePercent: nil, verdict: .unchanged)
        }
        let change = (now - base) / base
        let test = MannWhitneyU(baselineSamples, currentSamples)
        var result = MetricComparison(
            baseline: base, current: now, changePercent: change * 100, verdict: .unchanged, pValue: test?.pValue)
        let baselineNoise = baselineSummary.noise(threshold: threshold)
        let currentNoise = currentSummary.noise(threshold: threshold)
        if let reason = currentNoise.explanation {
            result.verdict = .noisy
            result.note = "current run: \(reason)"
        } else if let reason = baselineNoise.explanation {
            result.verdict = .noisy
            result.note = "baseline: \(reason)"
        } else if abs(change) <= threshold {
            result.verdict = .unchanged
        } else if let p = test?.pValue, p < alpha {
            result.verdict = change > 0 ? .regression : .improvement
        } else {
            result.verdict = .noisy
            result.note = "not significant (p = \(Format.pValue(test?.pValue ?? 1)), α = \(Format.pValue(alpha)))"
        }
        return result
    }

    /// Memory and CPU: one value per run, so the spread comes from the recent history of the metric.
    ///
    /// A change counts when it exceeds the threshold both against the baseline and against the
    /// history median, and the current value lies more than 3 robust standard deviations
    /// (1.4826 × MAD) from that median — the analogue of significance for single values. A change
    /// past the threshold but inside the historical spread is `noisy`. With fewer than
    /// `minimumHistory` earlier values there is no spread to speak of and the threshold alone decides.
    static func single(current: Double?, baseline: Double?, history: [Double], threshold: Double) -> MetricComparison {
        guard let current, let baseline else {
            return MetricComparison(
                baseline: baseline, current: current, changePercent: nil, verdict: baseline == nil ? .new : .removed)
        }
        guard history.count >= minimumHistory, let center = Quantile.median(history), center > 0,
            let mad = Quantile.mad(history)
        else {
            return byThreshold(baseline: baseline, current: current, threshold: threshold,
                note: history.count < minimumHistory ? "judged by the threshold alone: fewer than \(minimumHistory) earlier runs" : nil)
        }
        guard baseline > 0 else {
            return MetricComparison(baseline: baseline, current: current, changePercent: nil, verdict: .unchanged, reference: center)
        }
        let change = (current - baseline) / baseline
        let historyChange = (current - center) / center
        var result = MetricComparison(
            baseline: baseline, current: current, changePercent: change * 100, verdict: .unchanged, reference: center)
        let sameDirection = (change > 0) == (historyChange > 0)
        guard abs(change) > threshold, abs(historyChange) > threshold, sameDirection else { return result }
        let spread = 1.4826 * mad
        if abs(current - center) > 3 * spread {
            result.verdict = change > 0 ? .regression : .improvement
        } else {
            result.verdict = .noisy
            result.note = "within the spread of the last \(history.count) runs"
        }
        return result
    }

    static let minimumHistory = 5

    static func byThreshold(baseline: Double?, current: Double?, threshold: Double, note: String?) -> MetricComparison {
        guard let baseline, let current else {
            return MetricComparison(
                baseline: baseline, current: current, changePercent: nil, verdict: baseline == nil ? .new : .removed)
        }
        guard baseline > 0 else {
            return MetricComparison(baseline: baseline, current: current, changePercent: nil, verdict: .unchanged)
        }
        let change = (current - baseline) / baseline
        let verdict: Verdict = change > threshold ? .regression : (change < -threshold ? .improvement : .unchanged)
        return MetricComparison(
            baseline: baseline, current: current, changePercent: change * 100, verdict: verdict,
            note: verdict == .unchanged ? nil : note)
    }
}

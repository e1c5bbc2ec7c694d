import BenchModel
import BenchStats

/// The verdict rules, one function per kind of metric.
enum Judge {
    /// Time: samples against samples, then the current median against the run-to-run spread.
    ///
    /// 1. Either side noisy at the threshold (see `NoiseAssessment`) → `noisy`.
    /// 2. Medians within the threshold → `unchanged`.
    /// 3. Beyond it but not Mann-Whitney significant at `alpha` → `noisy`: the difference is big but
    ///    the samples cannot tell it from chance (with 3 samples a side p never drops below 0.1), so
    ///    calling it `unchanged` would hide a possible regression and calling it one would cry wolf.
    /// 4. Beyond it and significant → `regression` / `improvement`, unless `history` (the medians
    ///    of earlier successful runs on the same machine and build) holds at least
    ///    `RunToRunSpread.minimumRuns` values and says the current median is ordinary: not past the
    ///    threshold against their median, or inside their band → `noisy`. Mann-Whitney only
    ///    compares within-run variances, which are smaller than the drift between runs; see
    ///    `RunToRunSpread`. With less history the verdict is that of steps 1–3 alone.
    /// Runs stored without samples (only stats) fall back to the threshold and, where there is
    /// enough history, the run-to-run spread.
    static func time(
        current: BenchmarkResult, baseline: BenchmarkResult, history: [Double] = [], threshold: Double, alpha: Double
    ) -> MetricComparison {
        let currentSamples = current.samplesNs.map { Double($0) }
        let baselineSamples = baseline.samplesNs.map { Double($0) }
        guard let currentSummary = Summary(currentSamples), let baselineSummary = Summary(baselineSamples) else {
            var result = byThreshold(baseline: baseline.medianNs, current: current.medianNs, threshold: threshold,
                note: "judged by the threshold alone: no samples recorded")
            if result.verdict == .regression || result.verdict == .improvement, let now = result.current,
                let change = result.changePercent, let spread = RunToRunSpread(history)
            {
                result.reference = spread.center
                if let objection = spread.objection(current: now, change: change / 100, threshold: threshold) {
                    result.verdict = .noisy
                    result.note = "no samples recorded; " + objection
                } else {
                    result.note = "no samples recorded; judged by the threshold and the run-to-run spread"
                }
            }
            return result
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
            if let spread = RunToRunSpread(history) {
                result.reference = spread.center
                if let objection = spread.objection(current: now, change: change, threshold: threshold) {
                    result.verdict = .noisy
                    result.note = objection
                }
            }
        } else {
            result.verdict = .noisy
            result.note = "not significant (p = \(Format.pValue(test?.pValue ?? 1)), α = \(Format.pValue(alpha)))"
        }
        return result
    }

    /// Memory and CPU: one value per run, so the spread comes from the recent history of the metric.
    ///
    /// A change counts when it exceeds the threshold against the baseline and the history's
    /// `RunToRunSpread` does not object (past the threshold against the history's median too, and
    /// outside its band: the analogue of significance for single values); otherwise it is `noisy`.
    /// With fewer than `minimumHistory` earlier values there is no spread to speak of and the
    /// threshold alone decides.
    static func single(current: Double?, baseline: Double?, history: [Double], threshold: Double) -> MetricComparison {
        guard let current, let baseline else {
            return MetricComparison(
                baseline: baseline, current: current, changePercent: nil, verdict: baseline == nil ? .new : .removed)
        }
        guard let spread = RunToRunSpread(history) else {
            return byThreshold(baseline: baseline, current: current, threshold: threshold,
                note: history.count < minimumHistory ? "judged by the threshold alone: fewer than \(minimumHistory) earlier runs" : nil)
        }
        guard baseline > 0 else {
            return MetricComparison(
                baseline: baseline, current: current, changePercent: nil, verdict: .unchanged, reference: spread.center)
        }
        let change = (current - baseline) / baseline
        var result = MetricComparison(
            baseline: baseline, current: current, changePercent: change * 100, verdict: .unchanged,
            reference: spread.center)
        guard abs(change) > threshold else { return result }
        if let objection = spread.objection(current: current, change: change, threshold: threshold) {
            result.verdict = .noisy
            result.note = objection
        } else {
            result.verdict = change > 0 ? .regression : .improvement
        }
        return result
    }

    static let minimumHistory = RunToRunSpread.minimumRuns

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

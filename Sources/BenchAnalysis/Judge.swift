import BenchModel
import BenchStats

/// The verdict rules, one function per kind of metric.
enum Judge {
    /// Time: samples against samples, then the current median against the run-to-run spread.
    ///
    /// The point estimate is the change of the medians, `changePercent` (what the reports show);
    /// its uncertainty is the 1 − α confidence interval of the relative change, the
    /// Hodges–Lehmann shift of the log samples with its distribution-free interval
    /// (`RelativeChange`, stored in `changeLowPercent`/`changeHighPercent`). With τ the threshold:
    ///
    /// 1. |change| > τ, the two-sided Mann-Whitney U test significant at α, and the interval
    ///    entirely beyond zero on the side of the change → `regression` / `improvement`. How wide
    ///    the samples scatter does not matter once the interval clears zero: a doubling at 30 %
    ///    noise is a regression. The one veto: either side has two modes further apart than τ
    ///    (see `Bimodality`) *and* the sets overlap, at least `bimodalOverlap` of the baseline ×
    ///    current pairs out of order. A median can then jump between modes while the code stayed
    ///    the same; but a change of the modes' mix alone, both modes on both sides with ≥ 15 % of
    ///    the samples each, always leaves ≥ 15 % of the pairs out of order (pairs within one mode
    ///    split evenly), so sets that barely overlap have moved as a whole and get their verdict.
    /// 2. |change| > τ otherwise → `noisy`: big, but the samples cannot tell it from chance (with
    ///    3 samples a side p never drops below 0.1).
    /// 3. |change| ≤ τ and the interval's half-width at most τ → `unchanged`: the measurement
    ///    resolves changes of the threshold's size and saw none.
    /// 4. |change| ≤ τ but the interval wider than that → `noisy`: a change past the threshold
    ///    is as compatible with the samples as no change.
    ///
    /// Then the history (the medians of earlier successful runs on the same machine and build,
    /// see `RunToRunSpread`), once it holds at least `RunToRunSpread.minimumRuns` values:
    /// 5. A `regression`/`improvement` whose current median is ordinary for the history (not past
    ///    τ against its median, or inside its band) → `noisy`: Mann-Whitney only compares
    ///    within-run variances, which are smaller than the drift between runs.
    /// 6. A `noisy` from steps 1–2 whose current median is far outside the band (past τ against
    ///    the history's median and beyond twice the band's half-width, `RunToRunSpread.isFarOutside`)
    ///    → `regression`/`improvement`, the note saying so: the history's medians already carry
    ///    both the drift and each run's own sampling noise.
    /// With less history the verdict is that of steps 1–4 alone. Every `noisy` carries its reason
    /// in `note`. Runs stored without samples (only stats) fall back to the threshold and, where
    /// there is enough history, the run-to-run spread.
    static func time(
        current: BenchmarkResult, baseline: BenchmarkResult, history: [Double] = [], threshold: Double, alpha: Double
    ) -> MetricComparison {
        let currentSamples = current.samplesNs.map { Double($0) }
        let baselineSamples = baseline.samplesNs.map { Double($0) }
        guard let currentMedian = Quantile.median(currentSamples), let base = Quantile.median(baselineSamples) else {
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
        let now = currentMedian
        guard base > 0 else {
            return MetricComparison(baseline: base, current: now, changePercent: nil, verdict: .unchanged)
        }
        let change = (now - base) / base
        let test = MannWhitneyU(baselineSamples, currentSamples)
        let interval = RelativeChange(baseline: baselineSamples, current: currentSamples, level: 1 - alpha)
        var result = MetricComparison(
            baseline: base, current: now, changePercent: change * 100, verdict: .unchanged, pValue: test?.pValue,
            changeLowPercent: interval.map { $0.low * 100 }, changeHighPercent: interval.map { $0.high * 100 })
        (result.verdict, result.note) = bySamples(
            change: change, baseline: baselineSamples, current: currentSamples, test: test, interval: interval,
            threshold: threshold, alpha: alpha)
        guard abs(change) > threshold, let spread = RunToRunSpread(history) else { return result }
        if result.verdict == .regression || result.verdict == .improvement {
            result.reference = spread.center
            if let objection = spread.objection(current: now, change: change, threshold: threshold) {
                result.verdict = .noisy
                result.note = objection
            }
        } else if result.verdict == .noisy, spread.isFarOutside(current: now, change: change, threshold: threshold) {
            result.reference = spread.center
            result.verdict = change > 0 ? .regression : .improvement
            let fromCenter = (now - spread.center) / spread.center * 100
            result.note = "\(Format.signedPercent(fromCenter)) against the median of the last \(spread.count) runs, "
                + "far outside their spread (\(spread.bandText)), although the samples alone cannot decide: "
                + (result.note ?? "")
        }
        return result
    }

    /// Share of out-of-order pairs from which two modes can veto a verdict (see `time`, step 1).
    static let bimodalOverlap = 0.10

    /// Steps 1–4 of `time`: the verdict the two sample sets support on their own, and the note.
    static func bySamples(
        change: Double, baseline: [Double], current: [Double], test: MannWhitneyU?, interval: RelativeChange?,
        threshold: Double, alpha: Double
    ) -> (Verdict, String?) {
        let level = Format.level(1 - alpha)
        func describe(_ interval: RelativeChange) -> String {
            let coverage = interval.coverage < 1 - alpha - 1e-9
                ? "the full range of differences, \(Format.percent(interval.coverage * 100)) coverage"
                : "\(level) interval"
            return "\(Format.signedPercent(interval.low * 100)) … \(Format.signedPercent(interval.high * 100)) (\(coverage))"
        }
        guard let interval else {
            return abs(change) > threshold ? (.noisy, "no interval of the change could be computed") : (.unchanged, nil)
        }
        if abs(change) <= threshold {
            guard interval.halfWidth > threshold else { return (.unchanged, nil) }
            return (.noisy, "the change is only known to within \(describe(interval)), "
                + "wider than the ±\(Format.percent(threshold * 100)) threshold")
        }
        let p = test?.pValue ?? 1
        let clearsZero = change > 0 ? interval.low > 0 : interval.high < 0
        guard p < alpha, clearsZero else {
            return (.noisy, "not significant (\(Format.pClause(p)), α = \(Format.pValue(alpha))): "
                + "the change is somewhere in \(describe(interval))")
        }
        // U₁ + U₂ = m·n, and the smaller of the two counts the pairs that go against the change.
        let overlap = test.map { Swift.min($0.u1, $0.u2) / ($0.u1 + $0.u2) } ?? 1
        if overlap >= bimodalOverlap {
            for (side, samples) in [("current run", current), ("baseline", baseline)] {
                guard let summary = Summary(samples), let modes = summary.bimodality,
                    modes.isBimodal(threshold: threshold, center: summary.median)
                else { continue }
                return (.noisy, "\(side): the samples have two modes and the sets overlap "
                    + "(\(Format.percent(overlap * 100)) of the pairs out of order), so the medians may only have switched modes")
            }
        }
        return (change > 0 ? .regression : .improvement, nil)
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

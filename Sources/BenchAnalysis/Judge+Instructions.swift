import BenchModel

extension Judge {
    /// Instruction counts: near-deterministic, so neither a significance test nor the run-to-run
    /// spread is needed, and one run a side decides.
    ///
    /// 1. Medians within the threshold → `unchanged`.
    /// 2. Beyond it, and the two runs' counts do not overlap (every count of one run is above
    ///    every count of the other) → `regression` / `improvement`.
    /// 3. Beyond it but overlapping → `noisy`, with the spreads in the note: something in the
    ///    benchmark varies from iteration to iteration (hash seeds, timing-dependent code paths).
    /// Runs stored without counts but with stats fall back to the medians and the threshold.
    static func instructions(current: BenchmarkResult, baseline: BenchmarkResult, threshold: Double) -> MetricComparison {
        guard let now = CountStats(current.samplesInstructions ?? []), let base = CountStats(baseline.samplesInstructions ?? [])
        else {
            return byThreshold(
                baseline: baseline.medianInstructions, current: current.medianInstructions, threshold: threshold,
                note: "judged by the threshold alone: no counts recorded")
        }
        guard base.median > 0 else {
            return MetricComparison(baseline: base.median, current: now.median, changePercent: nil, verdict: .unchanged)
        }
        let change = (now.median - base.median) / base.median
        var result = MetricComparison(
            baseline: base.median, current: now.median, changePercent: change * 100, verdict: .unchanged)
        guard abs(change) > threshold else { return result }
        let overlap = now.min <= base.max && base.min <= now.max
        if overlap {
            result.verdict = .noisy
            result.note = String(
                format: "the instruction counts of the two runs overlap (spread %.2f %% in the baseline, %.2f %% now)",
                base.relativeSpread * 100, now.relativeSpread * 100)
        } else {
            result.verdict = change > 0 ? .regression : .improvement
        }
        return result
    }
}

/// How many iterations one sample of a swift benchmark times. Timing each iteration alone puts
/// a clock read inside every sample, so an empty closure measures the clock (30 ns here) and a
/// 5 ns operation reads mostly clock. A short benchmark is timed in batches instead, long enough
/// that the clock's cost vanishes in them, and its sample is the batch's time per iteration.
///
/// The batch size comes from a short calibration after the warm-up, shaped like google-benchmark's
/// `PredictNumItersNeeded`: time a batch of 1, then grow it tenfold while it lasts under a tenth
/// of the target, then scale the last batch to the target. google-benchmark makes one
/// measurement of the whole `min_time` (0.5 s); benchboard wants many samples for its statistics,
/// so its target is one sample's length (`targetNs`), and the calibration costs about twice that.
public enum BatchSizing {
    /// The shortest sample: the clock's cost is then at most 0.1 % of it, below every threshold a
    /// verdict uses (1 % for instruction counts, 5 % for time).
    public static let clockCostMultiple = 1_000.0
    /// A floor of 10 µs: the clock's cost measured at the start of a run can come out low on a
    /// machine whose clock is cheap most of the time and slow now and then.
    public static let minimumTargetNs: UInt64 = 10_000
    /// A ceiling of 1 ms, for a machine with a slow clock source (HPET, a hypervisor's, about
    /// 1 µs a read): a sample then still lasts less than a scheduler tick.
    public static let maximumTargetNs: UInt64 = 1_000_000
    /// The largest batch: an iteration the optimizer removed entirely takes no time, and must
    /// not grow the batch without end.
    public static let maximumBatchSize = 1_000_000_000

    /// How long one sample should last, given what a clock read costs: 1000 reads, between
    /// 10 µs and 1 ms.
    public static func targetNs(clockCostNs: Double) -> UInt64 {
        let wanted = clockCostNs.isFinite ? clockCostNs * clockCostMultiple : Double(maximumTargetNs)
        return min(maximumTargetNs, max(minimumTargetNs, UInt64(max(0, wanted.rounded(.up)))))
    }

    /// The next batch to try after one of `size` iterations took `elapsedNs`, or nil when `size`
    /// was long enough to size from: at least a tenth of the target (google-benchmark's rule).
    static func nextTrial(size: Int, elapsedNs: UInt64, targetNs: UInt64) -> Int? {
        guard elapsedNs < targetNs / 10, size < maximumBatchSize else { return nil }
        return min(maximumBatchSize, size &* 10)
    }

    /// The batch whose time is the target, from a trial of `size` iterations that took
    /// `elapsedNs`: 1 when one iteration already lasts the target.
    static func batchSize(trialSize size: Int, elapsedNs: UInt64, targetNs: UInt64) -> Int {
        guard elapsedNs > 0 else { return min(maximumBatchSize, max(1, size &* 10)) }
        let scaled = (Double(size) * Double(targetNs) / Double(elapsedNs)).rounded(.up)
        return Int(min(Double(maximumBatchSize), max(1, scaled)))
    }
}

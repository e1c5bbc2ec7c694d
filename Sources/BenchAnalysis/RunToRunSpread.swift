import BenchStats

/// How far one metric of one benchmark wanders from run to run on this machine and build: the
/// median and robust spread of its per-run values (the median for time, the single value for
/// memory and CPU) over the recent history.
///
/// Why time needs it as much as memory and CPU: samples within one run are taken seconds apart and
/// share the machine's state (CPU frequency, neighbours, cache), so they are tight and Mann-Whitney
/// U finds two runs "significantly" different whenever that state drifted between them. On a shared
/// machine it drifts by several percent (two back-to-back runs of the same build differed by +5 %
/// and +6 % in median). Between-run variance is the yardstick a change has to beat; within-run
/// variance only tells how well each run's own median is known.
///
/// The band is the median ± 3 σ̂ of the earlier values, σ̂ from `ShamosEstimator`: unlike the
/// standard deviation it is not widened by one disturbed run, unlike 1.4826 × MAD it is rarely
/// too small by chance with 5–20 values, and ±3 σ holds 99.7 % of normal jitter.
///
/// Only the values since the window's newest step count (found by the same `ChangePointDetector`
/// as the trend): after an accepted 20 % speed-up the older, slower runs would make losing it
/// again look ordinary. A step needs `minimumRuns` runs after it to be seen; until then the band
/// still straddles it.
struct RunToRunSpread: Sendable, Equatable {
    /// Below this many values since the newest step the spread is a guess, and a time, memory or
    /// CPU change is `unconfirmed` unless far beyond every spread (`Judge.processLevel`). Why 5:
    /// simulated on normal jitter, an unchanged run falls outside a ±3 σ̂ band estimated from 3
    /// values 6.6 % of the time, from 4–5 values 4.6–4.9 %, from 10 values 1.8 %; the band is one
    /// of three tests a change must pass (with the threshold and process-level significance at
    /// α), so 5 is enough to start and fewer is not. Also the shortest segment a step may leave
    /// behind, so that a spurious step in pure jitter never leaves too few values to judge by.
    static let minimumRuns = 5
    /// Half-width of the band in robust standard deviations.
    static let width = 3.0

    let count: Int
    let center: Double
    /// The standard deviation of the jitter, estimated robustly.
    let robustStandardDeviation: Double

    /// `values` oldest first. Nil with fewer than `minimumRuns` values since the newest step or a
    /// non-positive median (no relative change).
    init?(_ window: [Double]) {
        guard window.count >= Self.minimumRuns else { return nil }
        let detector = ChangePointDetector(minimumSegmentLength: Self.minimumRuns)
        let values = detector.detect(window).last.map { Array(window[$0.index...]) } ?? window
        guard values.count >= Self.minimumRuns, let center = Quantile.median(values), center > 0,
            let sigma = ShamosEstimator.standardDeviation(values)
        else { return nil }
        count = values.count
        self.center = center
        robustStandardDeviation = sigma
    }

    var halfWidth: Double { Self.width * robustStandardDeviation }

    /// A change of `change` (relative, against the baseline) that already passed the other tests
    /// counts only when the current value is also past `threshold` against the history's median, in
    /// the same direction, and outside the band. Nil when it counts, else why it does not.
    func objection(current: Double, change: Double, threshold: Double) -> String? {
        let fromCenter = (current - center) / center
        if abs(fromCenter) <= threshold || (fromCenter > 0) != (change > 0) {
            return "only \(Format.signedPercent(fromCenter * 100)) against the median of the last \(count) runs"
        }
        if abs(current - center) <= halfWidth {
            return "within the run-to-run spread of the last \(count) runs (\(bandText))"
        }
        return nil
    }

    /// How many band half-widths beyond the history's median count as "far outside" it.
    static let farFactor = 2.0

    /// Whether `current` is far outside the spread: past `threshold` against the history's median
    /// in the direction of `change`, and more than `farFactor` half-widths (6 σ̂) away from it. The
    /// medians of earlier runs scatter by the drift between runs *and* by how loosely each run's
    /// samples pin their median down, so a median that far out is not the noise of this benchmark
    /// even when its own samples are too few or too wide to show it.
    func isFarOutside(current: Double, change: Double, threshold: Double) -> Bool {
        let fromCenter = (current - center) / center
        return abs(fromCenter) > threshold && (fromCenter > 0) == (change > 0)
            && abs(current - center) > Self.farFactor * halfWidth
    }

    /// "±6.1 %": the band's half-width relative to its median.
    var bandText: String { "±" + Format.percent(halfWidth / center * 100) }
}

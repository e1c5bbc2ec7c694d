import BenchModel
import BenchStats
import Foundation

/// What a comparison's processes are evidence of.
enum Evidence {
    /// Two runs made apart (history mode): the processes of each side are independent, and a change
    /// must also clear the benchmark's run-to-run spread over the earlier runs' figures (oldest
    /// first; each run's figure is the median of its processes' figures).
    case history([Double])
    /// One A/B job: round r of the baseline build ran next to round r of the current one, so the
    /// pairs share the machine's state and their ratios are the evidence. No history is needed.
    case paired
}

/// The verdict rules, one home for all of them.
enum Judge {
    /// Every metric but instruction counts: the process is the unit of evidence.
    ///
    /// Samples inside one process agree closely, but each process lands in a mode of its own
    /// (memory layout, core, cache and frequency state), so a test on samples finds any two
    /// processes "significantly" different. The figures judged are one per process: the median of
    /// its samples for time, its 💾 figure for memory, its CPU per iteration for CPU.
    ///
    /// Why per-process figures and a t test rather than a hierarchical bootstrap (processes, then
    /// samples): with the 3 to 10 processes a suite can afford, resampling processes has only a
    /// few dozen distinct outcomes (10 for 3 a side) and its intervals are too narrow by (k − 1)/k,
    /// which is what makes false alarms; it also needs a random source. Each figure is already the
    /// median of many samples, near-normal on the log scale, and the t test's spread is exactly
    /// what `DetectableChange` turns into the smallest detectable change.
    ///
    /// The change is m₂/m₁ − 1, with m₁, m₂ the medians of the baseline's and the current run's
    /// figures; in A/B it is the pairs' own estimate instead, exp(HL) − 1 with HL the
    /// Hodges–Lehmann centre of the pairs' log ratios. With τ the threshold, in order:
    /// 1. |change| ≤ τ, or |m₂ − m₁| below `floor` (the metric's resolution) → `unchanged`.
    /// 2. Far beyond every spread → `regression`/`improvement` whatever else is missing: a ratio of
    ///    at least 2 either way, every process of one side beyond every process of the other, and
    ///    (history mode, once there is a spread) the current figure more than twice the band's
    ///    half-width from the history's median (`RunToRunSpread.isFarOutside`).
    /// 3. Fewer than two processes on a side (pairs, in A/B) → `unconfirmed`: the spread between
    ///    processes, the real noise, is unknown.
    /// 4. History mode with fewer than `RunToRunSpread.minimumRuns` earlier runs of this machine
    ///    and build → `unconfirmed`.
    /// 5. Not significant at the process level → `unconfirmed`: Welch's t test on the log figures
    ///    (in A/B the Wilcoxon signed-rank test on the pairs' log ratios, which needs at least 8
    ///    pairs to reach α = 0.01), two-sided p < α, and its 1 − α interval of the ratio clear of
    ///    1 on the side of the change.
    ///
    /// Why a rank test for pairs and a t test for history: a real machine now and then puts a
    /// whole process into a slow mode (the same decoding took 11 ms in some processes and 21 ms
    /// in others here), so the pairs' log ratios have heavy tails; one such pair moves a mean and
    /// a standard deviation far more than a rank. A/B jobs can afford the 8 or more pairs a rank
    /// test needs; two history runs of 3 to 10 processes cannot (see `TTest`).
    /// 6. History mode: the current figure within the run-to-run band or not past τ against the
    ///    history's median (`RunToRunSpread.objection`) → `unconfirmed`: runs of this build wander
    ///    that much anyway.
    /// 7. Otherwise `regression`/`improvement`.
    /// `unconfirmed` never fails a gate; its note says which evidence is missing.
    static func processLevel(
        baseline: [ProcessFigure], current: [ProcessFigure], evidence: Evidence, threshold: Double, alpha: Double,
        floor: Double = 0, floorText: String? = nil
    ) -> MetricComparison {
        guard let base = ProcessFigures.center(baseline), let now = ProcessFigures.center(current) else {
            return MetricComparison(
                baseline: ProcessFigures.center(baseline), current: ProcessFigures.center(current), changePercent: nil,
                verdict: baseline.isEmpty ? .new : .removed)
        }
        var result = MetricComparison(baseline: base, current: now, changePercent: nil, verdict: .unchanged)
        result.processSpreadPercent = spreadPercent(current)
        guard base > 0 else { return result }

        // Logs of figures that may be 0 (a process whose memory did not grow): a figure of 0 or
        // less stands at the floor (or 1 unit), never at −∞.
        let smallest = Swift.max(floor, 1)
        let log: (ProcessFigure) -> Double = { Foundation.log(Swift.max($0.value, smallest)) }
        let spread: RunToRunSpread?
        let earlierRuns: Int
        /// The process-level test: its two-sided p and 1 − α interval of the log ratio.
        var test: (p: Double, low: Double, high: Double)?
        var change = (now - base) / base
        let pairCount: Int
        switch evidence {
        case .history(let history):
            spread = RunToRunSpread(history)
            earlierRuns = history.count
            let b = baseline.map(log)
            let c = current.map(log)
            test = TTest(welch: b, c).map { t in
                let interval = t.interval(alpha: alpha)
                return (t.pValue, interval.low, interval.high)
            }
            pairCount = 0
            result.detectablePercent = DetectableChange.independent(
                baselineLogs: b, currentLogs: c, runToRun: spread.map { $0.robustStandardDeviation / $0.center },
                alpha: alpha)
        case .paired:
            spread = nil
            earlierRuns = 0
            let pairs = Self.pairs(baseline, current)
            let ratios = pairs.map { log($0.current) - log($0.baseline) }
            pairCount = pairs.count
            if let signedRank = WilcoxonSignedRank(differences: ratios) {
                let interval = signedRank.interval(alpha: alpha)
                test = (signedRank.pValue, interval.low, interval.high)
                // The pairs' own estimate: the median of their Walsh averages, which one pair
                // caught in a slow mode barely moves (the medians of the two sides can differ
                // by such a pair alone).
                change = Foundation.exp(signedRank.estimate) - 1
            } else if pairs.count >= 2 {
                // Every pair exactly equal: no change, certainly.
                test = (1, 0, 0)
                change = 0
            }
            result.detectablePercent = DetectableChange.paired(logRatios: ratios, alpha: alpha)
        }
        result.changePercent = change * 100
        if let test {
            result.pValue = test.p
            result.changeLowPercent = (Foundation.exp(test.low) - 1) * 100
            result.changeHighPercent = (Foundation.exp(test.high) - 1) * 100
        }
        let slower = change > 0

        // 1. Within the threshold or below the resolution.
        if abs(change) <= threshold {
            if let detectable = result.detectablePercent, detectable > threshold * 100 {
                result.note = "this benchmark cannot resolve a change of the ±\(Format.percent(threshold * 100)) "
                    + "threshold: the smallest it detects is \(Format.percent(detectable))"
            }
            return result
        }
        if abs(change) * base < floor {
            result.note = floorText
            return result
        }
        let verdict: Verdict = slower ? .regression : .improvement

        // 2. Far beyond every spread.
        let ratio = slower ? now / base : base / Swift.max(now, .leastNonzeroMagnitude)
        let separated = slower
            ? (current.map(\.value).min() ?? 0) > (baseline.map(\.value).max() ?? .infinity)
            : (current.map(\.value).max() ?? .infinity) < (baseline.map(\.value).min() ?? 0)
        let clearOfHistory = spread.map { $0.isFarOutside(current: now, change: change, threshold: threshold) } ?? true
        if ratio >= farRatio, separated, clearOfHistory {
            result.verdict = verdict
            result.reference = spread?.center
            result.note = "far beyond every spread: ×\(String(format: "%.2f", ratio)), every process of "
                + (slower ? "this run slower than every process of the baseline" : "this run faster than every process of the baseline")
                + (spread.map { ", outside the run-to-run spread of the last \($0.count) runs (\($0.bandText))" } ?? "")
            return result
        }

        // 3. Too few processes.
        if case .paired = evidence, pairCount < 2 {
            result.verdict = .unconfirmed
            result.note = "\(pairCount == 1 ? "one pair" : "no pair") of processes of the same round: "
                + "the spread between processes is unknown, so only a change far beyond it (2× and no overlap) counts"
            return result
        }
        if baseline.count < 2 || current.count < 2 {
            let side = current.count < 2 ? (baseline.count < 2 ? "both runs" : "this run") : "the baseline"
            result.verdict = .unconfirmed
            result.note = "one process in \(side): the spread between processes is unknown, "
                + "so only a change far beyond it (2× and no overlap) counts"
            return result
        }
        // 4. Too little history.
        if case .history = evidence, spread == nil {
            result.verdict = .unconfirmed
            result.note = "fewer than \(RunToRunSpread.minimumRuns) earlier runs on this machine and build "
                + "(\(earlierRuns)): the run-to-run spread is unknown"
            return result
        }
        // 5. Significance at the process level.
        if case .paired = evidence, pairCount < WilcoxonSignedRank.smallestCount(alpha: alpha) {
            result.verdict = .unconfirmed
            result.note = "\(pairCount) pairs of processes: the signed-rank test needs at least "
                + "\(WilcoxonSignedRank.smallestCount(alpha: alpha)) to reach α = \(Format.pValue(alpha)); run more rounds"
            return result
        }
        let p = test?.p ?? 1
        let clears = slower ? (result.changeLowPercent ?? -1) > 0 : (result.changeHighPercent ?? 1) < 0
        guard p < alpha, clears else {
            result.verdict = .unconfirmed
            let counts = pairCount > 0 ? "\(pairCount) pairs" : "\(baseline.count) and \(current.count) processes"
            var note = "not significant at the process level (\(Format.pClause(p)), α = \(Format.pValue(alpha)), \(counts))"
            if let processes = result.processSpreadPercent, processes > threshold * 100 {
                note += "; this run's processes disagree by ±\(Format.percent(processes))"
            }
            result.note = note
            return result
        }
        // 6. The run-to-run spread.
        if let spread {
            result.reference = spread.center
            if let objection = spread.objection(current: now, change: change, threshold: threshold) {
                result.verdict = .unconfirmed
                result.note = objection
                return result
            }
        }
        result.verdict = verdict
        return result
    }

    /// The ratio from which a change is far beyond every spread (rule 2 of `processLevel`).
    static let farRatio = 2.0

    /// Round r of one side with round r of the other, in round order; rounds on one side only are
    /// left out (a round that failed on one side has nothing to pair with).
    static func pairs(_ baseline: [ProcessFigure], _ current: [ProcessFigure]) -> [(baseline: ProcessFigure, current: ProcessFigure)] {
        var byRound: [Int: ProcessFigure] = [:]
        for figure in baseline where byRound[figure.round] == nil { byRound[figure.round] = figure }
        var used: Set<Int> = []
        var result: [(baseline: ProcessFigure, current: ProcessFigure)] = []
        for figure in current.sorted(by: { $0.round < $1.round }) {
            guard let partner = byRound[figure.round], used.insert(figure.round).inserted else { continue }
            result.append((partner, figure))
        }
        return result
    }

    /// Half the range of the figures over their median, in percent; nil with fewer than two.
    static func spreadPercent(_ figures: [ProcessFigure]) -> Double? {
        guard figures.count >= 2, let center = ProcessFigures.center(figures), center > 0,
            let low = figures.map(\.value).min(), let high = figures.map(\.value).max()
        else { return nil }
        return (high - low) / 2 / center * 100
    }

    /// Instructions' fallback for runs stored without counts: the threshold alone.
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

import BenchModel
import BenchStats

/// A change found by an A/B job's rounds is confirmed by further rounds of that benchmark alone
/// before it counts: the way an engineer who sees a slowdown reruns the benchmark before
/// believing it.
///
/// Why: a suite of n benchmarks judges about 2n metrics (time, and CPU above its floor; memory
/// rarely moves), each a test at α = 0.01 of which half the false calls are regressions. At 20
/// tests a job that gates on "any regression" fails unchanged code about one time in ten, and a
/// stricter α for every test (Bonferroni) costs the power to see 10 %. A second, independent
/// look at only the benchmarks that moved keeps both:
///
/// 1. **Screen.** After the job's rounds, a benchmark is a suspect when any judged metric moved
///    beyond its threshold with p < `screenAlpha` (0.05) on its pairs: loose on purpose, so a
///    real 10 % change of a steady benchmark is a suspect almost always.
/// 2. **Further rounds** of the suspects only (`benchboard ab --confirm-rounds`, as many as the
///    job's rounds by default), base and head back to back as before.
/// 3. **Verdict** on all pairs of both stages, by the usual rule (`Judge.processLevel`, α = 0.01).
///    A regression or improvement then stands only when the further rounds alone also point that
///    way with p < `screenAlpha`; otherwise it is `unconfirmed`, with both stages' figures.
///
/// Unchanged code passes both stages' screens in the same direction with probability about
/// (α_screen / 2)² ≈ 0.06 % per metric, where one stage at α = 0.01 called 0.5 %. A real change
/// that the job's rounds see at 5 standard errors passes each screen about 99 % of the time. The
/// further rounds cost time only when something moved.
public enum ABConfirmation {
    /// The level of each stage's screen.
    public static let screenAlpha = 0.05

    /// The benchmarks of a first-stage comparison worth further rounds, in its order: those with a
    /// time, memory or CPU verdict of regression or improvement, or `unconfirmed` beyond its
    /// threshold with p < `screenAlpha`. Failed, new and removed benchmarks are not (there is
    /// nothing to confirm); instruction counts have no process modes and keep their own rule.
    public static func suspects(_ comparison: RunComparison, options: AnalysisOptions) -> [String] {
        comparison.benchmarks.compactMap { row in
            guard let current = row.current, row.baseline != nil, row.verdict != .failed else { return nil }
            let thresholds: [(MetricComparison, Double)] = [
                (row.time, options.thresholds.time(for: current)), (row.memory, options.thresholds.memory),
                (row.cpu, options.thresholds.cpu),
            ]
            let moved = thresholds.contains { metric, threshold in
                if metric.verdict == .regression || metric.verdict == .improvement { return true }
                guard metric.verdict == .unconfirmed, let change = metric.changePercent, let p = metric.pValue else { return false }
                return abs(change) > threshold * 100 && p < screenAlpha
            }
            return moved ? row.name : nil
        }
    }

    /// A row judged on all pairs, its calls kept only where the further rounds' own row agrees.
    static func confirmed(_ row: BenchmarkComparison, by further: BenchmarkComparison, rounds: Int) -> BenchmarkComparison {
        var row = row
        row.time = confirmed(row.time, by: further.time, rounds: rounds)
        row.memory = confirmed(row.memory, by: further.memory, rounds: rounds)
        row.cpu = confirmed(row.cpu, by: further.cpu, rounds: rounds)
        if row.verdict == .regression || row.verdict == .improvement, row.instructions == nil {
            row.verdict = row.time.verdict
        }
        return row
    }

    /// A metric called on all pairs stands when the further rounds alone called it too, or moved the
    /// same way with p < `screenAlpha`; otherwise it is `unconfirmed`, and the note gives the
    /// further rounds' figures either way.
    static func confirmed(_ metric: MetricComparison, by further: MetricComparison, rounds: Int) -> MetricComparison {
        guard metric.verdict == .regression || metric.verdict == .improvement else { return metric }
        var result = metric
        let direction = metric.verdict == .regression ? 1.0 : -1.0
        let change = further.changePercent ?? 0
        let p = further.pValue ?? 1
        let stage = "\(rounds) further rounds of this benchmark alone: \(Format.signedPercent(change)), \(Format.pClause(p))"
        if further.verdict == metric.verdict || (change * direction > 0 && p < screenAlpha) {
            result.note = [metric.note, "confirmed by " + stage].compactMap { $0 }.joined(separator: "; ")
        } else {
            result.verdict = .unconfirmed
            result.note = "not confirmed by " + stage
        }
        return result
    }

    /// `run` with each benchmark that `further` also has followed by its further rounds, numbered on
    /// after the run's own, so that round r of one side still pairs with round r of the other. The
    /// samples' statistics are those of all rounds; the resources stay the first rounds' (they
    /// are a run's figures, and the further rounds are extra evidence, not a second run).
    public static func merging(_ run: RunRecord, further: RunRecord, suiteThreshold: Double) -> RunRecord {
        var run = run
        let rounds = run.benchmarks.flatMap { $0.processRecords.map(\.round) }.max() ?? 0
        for index in run.benchmarks.indices {
            guard let more = further.benchmark(named: run.benchmarks[index].name) else { continue }
            var result = run.benchmarks[index]
            result.processes = result.processRecords + more.processRecords.map { process in
                var process = process
                process.round += rounds
                return process
            }
            result.samplesNs += more.samplesNs
            if let counts = result.samplesInstructions, let moreCounts = more.samplesInstructions {
                result.samplesInstructions = counts + moreCounts
            }
            if !more.outcome.isSuccess, result.outcome.isSuccess {
                // The first failure counts, as in `ProcessMerge`: the further rounds' only when
                // the job's own rounds all succeeded.
                result.takeEnding(of: more)
            }
            let threshold = ThresholdDefaults.resolved(recorded: result.config?.regressionThreshold, suite: suiteThreshold)
            result.stats = SampleStatistics.make(samplesNs: result.samplesNs, threshold: threshold)
            result.config?.rounds = result.processes?.count
            run.benchmarks[index] = result
        }
        return run
    }
}

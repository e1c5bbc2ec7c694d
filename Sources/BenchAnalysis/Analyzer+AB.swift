import BenchModel

extension Analyzer {
    /// Judges an A/B run: `base` and `head` measured by one job, their processes alternating round
    /// by round (round r of `base` next to round r of `head`). Each benchmark is judged on the
    /// pairs of the same round (`Evidence.paired`): the machine's state is shared within a pair,
    /// so no history and no minimum of earlier runs is needed. Same verdicts, the same far-beyond
    /// rule and the same floors as `compare`; `metric = "instructions"` keeps its own rule.
    ///
    /// `head` governs: its benchmarks in its order, then those only `base` has (`removed`).
    public static func compareAB(base: RunRecord, head: RunRecord, options: AnalysisOptions = .init()) -> RunComparison {
        var rows: [BenchmarkComparison] = []
        for result in head.benchmarks {
            rows.append(
                compare(current: result, baseline: base.benchmark(named: result.name), source: .paired, options: options))
        }
        for removed in base.benchmarks where head.benchmark(named: removed.name) == nil && head.selected(removed.name) {
            rows.append(removedRow(removed))
        }
        return RunComparison(current: head, baseline: base, caveat: caveat(head, base), benchmarks: rows)
    }
}

import BenchModel

extension Analyzer {
    /// Judges an A/B run: `base` and `head` measured by one job, each benchmark's processes of the
    /// two builds running back to back round by round (round r of `base` next to round r of
    /// `head`). Each benchmark is judged on the pairs of the same round (`Evidence.paired`): the
    /// machine's state is shared within a pair, so no history and no minimum of earlier runs is
    /// needed. Same verdicts, the same far-beyond rule and the same floors as `compare`;
    /// `metric = "instructions"` keeps its own rule.
    ///
    /// `head` governs: its benchmarks in its order, then those only `base` has (`removed`).
    ///
    /// With `further` (the further rounds `ABConfirmation.suspects` asked for, already merged into
    /// `base` and `head` by `ABConfirmation.merging`), a regression or improvement of a benchmark
    /// found there stands only where the further rounds alone point the same way.
    public static func compareAB(
        base: RunRecord, head: RunRecord, further: (base: RunRecord, head: RunRecord)? = nil,
        options: AnalysisOptions = .init()
    ) -> RunComparison {
        var rows: [BenchmarkComparison] = []
        for result in head.benchmarks {
            var row = compare(current: result, baseline: base.benchmark(named: result.name), source: .paired, options: options)
            if let further, let moreHead = further.head.benchmark(named: result.name),
                let moreBase = further.base.benchmark(named: result.name)
            {
                row = ABConfirmation.confirmed(
                    row, by: compare(current: moreHead, baseline: moreBase, source: .paired, options: options),
                    rounds: max(moreHead.processRecords.count, moreBase.processRecords.count))
            }
            rows.append(row)
        }
        for removed in base.benchmarks where head.benchmark(named: removed.name) == nil && head.selected(removed.name) {
            rows.append(removedRow(removed))
        }
        return RunComparison(current: head, baseline: base, caveat: caveat(head, base), benchmarks: rows)
    }
}

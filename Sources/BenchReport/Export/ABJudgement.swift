import BenchAnalysis
import BenchModel

extension RunComparison {
    /// The base this comparison was judged against in the same job (`benchboard ab`): the current
    /// run's `ab` when the baseline is that very base run. Nil for any other baseline, so a report
    /// that later compares the same run with the history never claims an A/B verdict.
    var judgedAB: ABBase? {
        guard let ab = current.ab, let baseline, ab.runID == baseline.id else { return nil }
        return ab
    }
}

extension ABBase {
    /// "judged A/B against main @ abc1234 in this job" (the commit when it is known).
    var judgedSentence: String {
        "judged A/B against \(label)" + (commit.map { " @ \($0.prefix(7))" } ?? "") + " in this job"
    }
}

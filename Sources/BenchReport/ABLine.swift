import BenchAnalysis
import BenchModel

/// The sentence that says a run was judged A/B: base and head measured alternately in the same
/// job, on the same machine. Every report names the base the same way.
enum ABLine {
    /// "Judged A/B against main @ abc1234 in this job." Plain text; callers escape it.
    static func sentence(_ ab: ABBase) -> String {
        "Judged A/B against \(label(ab)) in this job."
    }

    /// "main @ abc1234", or the label alone when the commit is unknown. Plain text too.
    static func label(_ ab: ABBase) -> String {
        let name = ab.label
        guard let commit = ab.commit, !commit.isEmpty else { return name }
        return "\(name) @ \(commit.prefix(7))"
    }
}

extension RunComparison {
    /// The base this comparison was judged against in the same job (`benchboard ab`): the current
    /// run's `ab` when the baseline is that very base run. Nil for any other baseline, so a report
    /// that later compares the same run with the history never claims an A/B verdict.
    var judgedAB: ABBase? {
        guard let ab = current.ab, let baseline, ab.runID == baseline.id else { return nil }
        return ab
    }
}

import BenchModel

/// Chooses the baseline run among loaded records; the command line does the loading.
public enum Baseline {
    /// The run `spec` designates for `current`, or nil when there is none. Never the current run
    /// itself (matched by id). "Newest" is by start time, ties broken by position in `history`.
    ///
    /// - previous: the newest run that started before `current` on the same branch; when
    ///   there is none (or `current` has no branch), the newest earlier run on any branch.
    /// - runID: the run with that id, else the only run whose id starts with it.
    /// - branch: the newest run of that branch (earlier or not: a pull request compares with main as it is now).
    /// - commit: the newest run whose commit starts with the given SHA (case-insensitive).
    public static func select(_ spec: BaselineSpec, for current: RunRecord, in history: [RunRecord]) -> RunRecord? {
        let others = history.filter { $0.id != current.id }
        switch spec {
        case .previous:
            let earlier = others.filter { $0.startedAt < current.startedAt }
            if let branch = current.git?.branch,
                let sameBranch = newest(earlier.filter { $0.git?.branch == branch })
            {
                return sameBranch
            }
            return newest(earlier)
        case .runID(let id):
            if let exact = others.last(where: { $0.id == id }) { return exact }
            let prefixed = others.filter { $0.id.hasPrefix(id) }
            return prefixed.count == 1 ? prefixed[0] : nil
        case .branch(let name):
            return newest(others.filter { $0.git?.branch == name })
        case .commit(let sha):
            let wanted = sha.lowercased()
            return newest(others.filter { $0.git?.commit?.lowercased().hasPrefix(wanted) ?? false })
        }
    }

    static func newest(_ runs: [RunRecord]) -> RunRecord? {
        var best: RunRecord?
        for run in runs where best.map({ run.startedAt >= $0.startedAt }) ?? true {
            best = run
        }
        return best
    }
}

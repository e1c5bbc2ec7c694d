import BenchModel

/// Chooses the baseline run among loaded records; the command line does the loading.
///
/// Baselines come from the same machine and build configuration by default: a run of another
/// machine (another `MachineInfo.fingerprint`: CPU, cores, memory, OS, kernel, Swift version; the
/// hostname does not count, so identical CI runners share a series) or of a debug build measures
/// something else. `previous`, `branch:` and `commit:` look there first and take another setup's
/// run only when that has none, and then say so (`BaselineChoice.fallback`). A run named by id is
/// taken as named.
public enum Baseline {
    /// The run `spec` designates for `current`, or nil when there is none. Never the current run
    /// itself (matched by id). "Newest" is by start time to the nanosecond where recorded
    /// (`RunRecord.startsBefore`), then id.
    ///
    /// - previous: the newest run that started before `current` on the same branch; when there is
    ///   none (or `current` has no branch), the newest earlier run on any branch.
    /// - runID: the run with that id, else the only run whose id starts with it.
    /// - branch: the newest run of that branch (earlier or not: a pull request compares with main as it is now).
    /// - commit: the newest run whose commit starts with the given SHA (case-insensitive).
    ///
    /// Each rule except runID is applied to the runs of the same setup first, then to all.
    public static func choose(_ spec: BaselineSpec, for current: RunRecord, in history: [RunRecord]) -> BaselineChoice? {
        let others = history.filter { $0.id != current.id }
        let rule: ([RunRecord]) -> RunRecord?
        switch spec {
        case .previous:
            rule = { runs in
                let earlier = runs.filter { RunRecord.startsBefore($0, current) }
                if let branch = current.git?.branch, let sameBranch = newest(earlier.filter { $0.git?.branch == branch }) {
                    return sameBranch
                }
                return newest(earlier)
            }
        case .runID(let id):
            if let exact = others.last(where: { $0.id == id }) { return BaselineChoice(run: exact) }
            let prefixed = others.filter { $0.id.hasPrefix(id) }
            return prefixed.count == 1 ? BaselineChoice(run: prefixed[0]) : nil
        case .branch(let name):
            rule = { runs in newest(runs.filter { $0.git?.branch == name }) }
        case .commit(let sha):
            let wanted = sha.lowercased()
            rule = { runs in newest(runs.filter { $0.git?.commit?.lowercased().hasPrefix(wanted) ?? false }) }
        }
        if let sameSetup = rule(others.filter { sameSetup($0, current) }) {
            return BaselineChoice(run: sameSetup)
        }
        guard let other = rule(others) else { return nil }
        return BaselineChoice(run: other, fallback: fallbackNote(spec, chosen: other, current: current))
    }

    /// A pull request's baseline: the run of `mergeBase`, the commit the pull request branched
    /// from (`git merge-base`), when the history has one, since that is the code the pull request
    /// changed; otherwise the newest run of `branch`, its base branch, which may already hold
    /// changes the pull request has not seen. Same setup first, as in `choose`. `basis` says which.
    public static func chooseForPullRequest(
        branch: String, mergeBase: String, for current: RunRecord, in history: [RunRecord]
    ) -> BaselineChoice? {
        let short = String(mergeBase.prefix(7))
        if var exact = choose(.commit(mergeBase), for: current, in: history) {
            exact.basis = "The baseline is run \(exact.run.id) of merge-base commit \(short) of branch \(branch)."
            return exact
        }
        guard var newest = choose(.branch(branch), for: current, in: history) else { return nil }
        newest.basis = "No run of merge-base commit \(short) in the history; the baseline is the newest run of "
            + "branch \(branch), run \(newest.run.id)" + (newest.run.git?.commit.map { " of commit \($0.prefix(7))" } ?? "")
            + ", which may hold changes this pull request has not merged."
        return newest
    }

    /// `choose` without the note.
    public static func select(_ spec: BaselineSpec, for current: RunRecord, in history: [RunRecord]) -> RunRecord? {
        choose(spec, for: current, in: history)?.run
    }

    /// Same machine fingerprint and build configuration.
    public static func sameSetup(_ a: RunRecord, _ b: RunRecord) -> Bool {
        a.machine.fingerprint == b.machine.fingerprint && a.buildConfiguration == b.buildConfiguration
    }

    static func newest(_ runs: [RunRecord]) -> RunRecord? {
        var best: RunRecord?
        for run in runs where best.map({ !RunRecord.startsBefore(run, $0) }) ?? true {
            best = run
        }
        return best
    }

    static func fallbackNote(_ spec: BaselineSpec, chosen: RunRecord, current: RunRecord) -> String {
        let wanted: String
        switch spec {
        case .previous: wanted = "earlier run"
        case .branch(let name): wanted = "run of branch \(name)"
        case .commit(let sha): wanted = "run of commit \(sha)"
        case .runID: wanted = "run"
        }
        var differences: [String] = []
        if chosen.machine.fingerprint != current.machine.fingerprint {
            differences.append("machine \(chosen.machine.hostname) (\(chosen.machine.cpuModel), \(chosen.machine.cores) cores)")
        }
        if chosen.buildConfiguration != current.buildConfiguration {
            differences.append("a \(chosen.buildConfiguration) build")
        }
        return "No \(wanted) on this machine with a \(current.buildConfiguration) build; the baseline is run \(chosen.id) "
            + "from \(differences.joined(separator: " and ")) instead, so the comparison is a hint, not a verdict."
    }
}

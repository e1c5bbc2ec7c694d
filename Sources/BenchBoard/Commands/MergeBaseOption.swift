import ArgumentParser

/// `--merge-base SHA`: a pull request's baseline is the run of the commit it branched from when the
/// history has one, else the newest run of the `branch:NAME` baseline (`Baseline.chooseForPullRequest`).
struct MergeBaseOption: ParsableArguments {
    @Option(
        name: .customLong("merge-base"),
        help: ArgumentHelp(
            "With a branch:NAME baseline: take the run of this commit (git merge-base) when the history has one, else the newest run of the branch; the comparison says which.",
            valueName: "sha"))
    var mergeBase: String?
}

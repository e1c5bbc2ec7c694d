import BenchModel

/// The baseline `Baseline.choose` found, and why it is not of the same setup when it is not.
public struct BaselineChoice: Sendable, Equatable {
    public var run: RunRecord
    /// A sentence for the reader when no run of the current machine and build configuration
    /// matched and another setup's run was taken; nil otherwise.
    public var fallback: String?
    /// Which run of a pull request's base was taken and why (`Baseline.chooseForPullRequest`), as a
    /// sentence for the comparison's caveat; nil for the other rules.
    public var basis: String?

    public init(run: RunRecord, fallback: String? = nil, basis: String? = nil) {
        self.run = run
        self.fallback = fallback
        self.basis = basis
    }

    /// What the comparison's caveat says about this baseline: which run of a pull request's base
    /// it is, then why it is only a hint; nil when there is nothing to say.
    public func caveat(otherwise caveat: String?) -> String? {
        let parts = [basis, fallback ?? caveat].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

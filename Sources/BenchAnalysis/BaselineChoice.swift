import BenchModel

/// The baseline `Baseline.choose` found, and why it is not of the same setup when it is not.
public struct BaselineChoice: Sendable, Equatable {
    public var run: RunRecord
    /// A sentence for the reader when no run of the current machine and build configuration
    /// matched and another setup's run was taken; nil otherwise.
    public var fallback: String?

    public init(run: RunRecord, fallback: String? = nil) {
        self.run = run
        self.fallback = fallback
    }
}

/// One child of a batch.
public struct IterationReport: Sendable, Equatable {
    public var termination: Termination
    /// Nil when the child never started.
    public var usage: ChildUsage?

    public init(termination: Termination, usage: ChildUsage?) {
        self.termination = termination
        self.usage = usage
    }

    /// Exited with status 0.
    public var isSuccess: Bool { termination == .exited(0) }
}

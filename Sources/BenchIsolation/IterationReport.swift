/// One child of a batch.
public struct IterationReport: Sendable, Equatable {
    public var termination: Termination
    /// Nil when the child never started.
    public var usage: ChildUsage?
    /// The limit the launcher saw this child hit (memory, processes or cpu), if any.
    public var limitHit: LimitKind?

    public init(termination: Termination, usage: ChildUsage?, limitHit: LimitKind? = nil) {
        self.termination = termination
        self.usage = usage
        self.limitHit = limitHit
    }

    /// Exited with status 0.
    public var isSuccess: Bool { termination == .exited(0) }
}

/// What one child cost, from `wait4`'s rusage of that child alone.
public struct ChildUsage: Sendable, Equatable {
    /// From just before the spawn to just after the reap, as hyperfine measures it.
    public var wallNs: UInt64
    public var maxRSSBytes: UInt64
    public var userUs: UInt64
    public var systemUs: UInt64
    public var voluntaryContextSwitches: UInt64
    public var involuntaryContextSwitches: UInt64
    public var minorFaults: UInt64
    public var majorFaults: UInt64

    public init(
        wallNs: UInt64, maxRSSBytes: UInt64, userUs: UInt64, systemUs: UInt64,
        voluntaryContextSwitches: UInt64 = 0, involuntaryContextSwitches: UInt64 = 0,
        minorFaults: UInt64 = 0, majorFaults: UInt64 = 0
    ) {
        self.wallNs = wallNs
        self.maxRSSBytes = maxRSSBytes
        self.userUs = userUs
        self.systemUs = systemUs
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.minorFaults = minorFaults
        self.majorFaults = majorFaults
    }
}

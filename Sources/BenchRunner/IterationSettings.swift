/// How many times to run a swift benchmark's closure, shared by the worker and in-process runs.
public struct IterationSettings: Sendable, Equatable, Codable {
    public var warmup: Int
    public var iterations: Int
    /// Keep measuring until this much measured time has passed (iterations is then a minimum).
    public var minTimeNs: UInt64?
    /// A wall-time budget for the measured iterations: once it is spent, no further iteration
    /// starts, whatever `iterations` and `minTimeNs` ask. At least one iteration is measured.
    /// Nil: the benchmark's own `maxDurationNs`, if it has one.
    public var maxDurationNs: UInt64?

    /// A ceiling on iterations when `minTimeNs` asks for more, so a near-empty closure cannot
    /// keep a run busy forever.
    public static let maximumIterations = 1_000_000

    public init(warmup: Int, iterations: Int, minTimeNs: UInt64?, maxDurationNs: UInt64? = nil) {
        self.warmup = warmup
        self.iterations = iterations
        self.minTimeNs = minTimeNs
        self.maxDurationNs = maxDurationNs
    }

    /// Milliseconds as whole nanoseconds, saturating instead of trapping: config caps durations
    /// at 7 days, and this guards specs built in code and the worker's own arguments.
    public static func nanoseconds(milliseconds: Double) -> UInt64 {
        let ns = (milliseconds * 1_000_000).rounded()
        guard ns.isFinite, ns > 0 else { return 0 }
        return ns < 1.8e19 ? UInt64(ns) : UInt64.max
    }
}

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
    /// What reading the clock costs, measured once at the start of the run (`ClockCost`): it
    /// decides how long a batched sample lasts (`BatchSizing`). Nil: measured where it is needed.
    public var clockCostNs: Double?
    /// Short iterations are timed in batches. Off only to measure what batching saves (the
    /// worker's `--no-batching`): each iteration is then timed alone, clock reads included.
    public var batching: Bool

    /// A ceiling on iterations (samples) when `minTimeNs` asks for more, so a near-empty closure
    /// cannot keep a run busy forever.
    public static let maximumIterations = 1_000_000

    public init(
        warmup: Int, iterations: Int, minTimeNs: UInt64?, maxDurationNs: UInt64? = nil, clockCostNs: Double? = nil,
        batching: Bool = true
    ) {
        self.clockCostNs = clockCostNs
        self.batching = batching
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

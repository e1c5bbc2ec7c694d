/// What one benchmark's child cost, from `wait4`'s rusage of that child alone.
/// For command benchmarks the per-iteration figures are summed (CPU, switches, faults) or
/// maximised (max RSS) over the iterations.
public struct Resources: Codable, Sendable, Equatable {
    /// Peak resident set of the child itself (never benchboard's), in bytes.
    public var maxRSSBytes: UInt64?
    /// For swift benchmarks: how much the peak RSS grew during the measured iterations alone,
    /// after the warm-up. Nil for commands, and where the kernel refuses to reset the peak.
    public var peakMemoryGrowthBytes: UInt64?
    /// For swift benchmarks: how much the peak RSS grew from just before the first warm-up
    /// iteration (after setup) to the end of the measured iterations, warm-up included, so memory
    /// the warm-up allocated and the measured iterations reuse still counts. The 💾 figure. Nil
    /// for commands, for runs recorded before it existed, and where the peak cannot be reset.
    public var peakMemoryGrowthWithWarmupBytes: UInt64?
    public var cpuUserUs: UInt64?
    public var cpuSystemUs: UInt64?
    /// From spawn to reap of every child of this benchmark, warm-up included, in milliseconds.
    public var totalMs: Double
    /// `totalMs` minus the time spent in the benchmark's own code (warm-up and measured
    /// iterations): what isolation cost.
    public var overheadMs: Double?
    public var voluntaryContextSwitches: UInt64?
    public var involuntaryContextSwitches: UInt64?
    public var minorFaults: UInt64?
    public var majorFaults: UInt64?
    /// Peak memory charged to the benchmark's memory cgroup, the largest over its batches: its
    /// whole process tree, grandchildren included, and the page cache it caused (what the cgroup
    /// already held when a batch began is left out). Nil where the machine has no cgroup v1 memory
    /// controller, for swift benchmarks (their children share the worker server's cgroup for the
    /// whole run) and for in-process runs. An extra beside `maxRSSBytes`, which stays the
    /// primary figure.
    public var cgroupPeakBytes: UInt64?

    public init(
        maxRSSBytes: UInt64? = nil, peakMemoryGrowthBytes: UInt64? = nil, cpuUserUs: UInt64? = nil,
        cpuSystemUs: UInt64? = nil, totalMs: Double, overheadMs: Double? = nil, voluntaryContextSwitches: UInt64? = nil,
        involuntaryContextSwitches: UInt64? = nil, minorFaults: UInt64? = nil, majorFaults: UInt64? = nil,
        cgroupPeakBytes: UInt64? = nil, peakMemoryGrowthWithWarmupBytes: UInt64? = nil
    ) {
        self.maxRSSBytes = maxRSSBytes
        self.peakMemoryGrowthBytes = peakMemoryGrowthBytes
        self.peakMemoryGrowthWithWarmupBytes = peakMemoryGrowthWithWarmupBytes
        self.cpuUserUs = cpuUserUs
        self.cpuSystemUs = cpuSystemUs
        self.totalMs = totalMs
        self.overheadMs = overheadMs
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.minorFaults = minorFaults
        self.majorFaults = majorFaults
        self.cgroupPeakBytes = cgroupPeakBytes
    }

    private enum CodingKeys: String, CodingKey {
        case maxRSSBytes, peakMemoryGrowthBytes, peakMemoryGrowthWithWarmupBytes, cpuUserUs, cpuSystemUs, totalMs, overheadMs,
            voluntaryContextSwitches, involuntaryContextSwitches, minorFaults, majorFaults, cgroupPeakBytes
    }

    // Explicit nulls: every file has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxRSSBytes, forKey: .maxRSSBytes)
        try c.encode(peakMemoryGrowthBytes, forKey: .peakMemoryGrowthBytes)
        try c.encode(peakMemoryGrowthWithWarmupBytes, forKey: .peakMemoryGrowthWithWarmupBytes)
        try c.encode(cpuUserUs, forKey: .cpuUserUs)
        try c.encode(cpuSystemUs, forKey: .cpuSystemUs)
        try c.encode(totalMs, forKey: .totalMs)
        try c.encode(overheadMs, forKey: .overheadMs)
        try c.encode(voluntaryContextSwitches, forKey: .voluntaryContextSwitches)
        try c.encode(involuntaryContextSwitches, forKey: .involuntaryContextSwitches)
        try c.encode(minorFaults, forKey: .minorFaults)
        try c.encode(majorFaults, forKey: .majorFaults)
        try c.encode(cgroupPeakBytes, forKey: .cgroupPeakBytes)
    }

    /// CPU user + system in microseconds, nil when neither is known. Saturates: the figures may
    /// come from a history file, where any UInt64 is possible.
    public var cpuTotalUs: UInt64? {
        guard cpuUserUs != nil || cpuSystemUs != nil else { return nil }
        let (sum, overflow) = (cpuUserUs ?? 0).addingReportingOverflow(cpuSystemUs ?? 0)
        return overflow ? UInt64.max : sum
    }

    /// The 💾 figure: for swift benchmarks the peak growth with warm-up (after warm-up in runs
    /// recorded before that existed), for commands max RSS. `withWarmup: false` gives the growth
    /// after warm-up, to compare with such an older run like with like.
    public func memoryFigureBytes(for kind: BenchmarkKind, withWarmup: Bool = true) -> UInt64? {
        switch kind {
        case .swift: (withWarmup ? peakMemoryGrowthWithWarmupBytes : nil) ?? peakMemoryGrowthBytes ?? maxRSSBytes
        case .command: maxRSSBytes
        }
    }
}

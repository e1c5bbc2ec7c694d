/// What a swift benchmark's run produced: in-process directly, and from a worker as the lines
/// it streamed on the result channel (see `WorkerStream`).
public struct WorkerReport: Codable, Sendable, Equatable {
    /// One per measured iteration, per inner iteration of the closure: a batch's time divided by
    /// `batchSize` and `scalingFactor`.
    public var samplesNs: [Int64]
    /// Time spent in the benchmark's own code: setup, warm-up, measured iterations and teardown
    /// (the memory probes and the streaming of samples are left out: they are isolation's cost).
    public var benchmarkNs: UInt64
    /// How much the peak RSS grew during the measured iterations alone (warm-up excluded); nil
    /// where the kernel refuses to reset the peak.
    public var peakMemoryGrowthBytes: UInt64?
    /// How much the peak RSS grew from just before the first warm-up iteration (after setup) to
    /// the end of the measured iterations: what the benchmark allocates, even when its warm-up
    /// already did the allocating and the measured iterations reuse the memory.
    public var peakMemoryGrowthWithWarmupBytes: UInt64?
    /// The measured iterations ended because their time budget (`max_duration_ms`) was spent.
    public var stoppedByDuration: Bool
    /// Calls of the closure each sample timed (see `SampleScale`).
    public var batchSize: Int
    /// Inner iterations each call ran; the samples are per inner iteration.
    public var scalingFactor: Int

    public init(
        samplesNs: [Int64], benchmarkNs: UInt64, peakMemoryGrowthBytes: UInt64?,
        peakMemoryGrowthWithWarmupBytes: UInt64? = nil, stoppedByDuration: Bool = false, batchSize: Int = 1,
        scalingFactor: Int = 1
    ) {
        self.batchSize = batchSize
        self.scalingFactor = scalingFactor
        self.samplesNs = samplesNs
        self.benchmarkNs = benchmarkNs
        self.peakMemoryGrowthBytes = peakMemoryGrowthBytes
        self.peakMemoryGrowthWithWarmupBytes = peakMemoryGrowthWithWarmupBytes
        self.stoppedByDuration = stoppedByDuration
    }
}

extension WorkerReport {
    /// What one of its samples stands for.
    public var scale: SampleScale { SampleScale(batchSize: batchSize, scalingFactor: scalingFactor) }
}

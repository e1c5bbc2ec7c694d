/// What a swift benchmark's run produced, sent by the worker as one JSON line on the result
/// channel (fd 3) and produced directly by an in-process run.
public struct WorkerReport: Codable, Sendable, Equatable {
    public var samplesNs: [Int64]
    /// Time spent in the benchmark's own code: setup, warm-up, measured iterations and teardown.
    public var benchmarkNs: UInt64
    /// How much the peak RSS grew during the measured iterations; nil where the kernel refuses
    /// to reset the peak.
    public var peakMemoryGrowthBytes: UInt64?

    public init(samplesNs: [Int64], benchmarkNs: UInt64, peakMemoryGrowthBytes: UInt64?) {
        self.samplesNs = samplesNs
        self.benchmarkNs = benchmarkNs
        self.peakMemoryGrowthBytes = peakMemoryGrowthBytes
    }
}

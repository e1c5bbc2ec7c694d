import BenchModel

/// One benchmark of a results file, in nanoseconds.
public struct ImportedBenchmark: Sendable, Equatable {
    public var name: String
    public var group: String
    /// Where the tool ran it: hyperfine runs a process per sample, the others time code inside
    /// their own process.
    public var mode: ExecutionMode
    /// One per measured repetition or round; empty when the file holds only statistics.
    public var samplesNs: [Int64]
    /// The file's own statistics, used only when it has no samples.
    public var stats: SampleStats?
    public var outcome: Outcome = .ok
    public var exitCode: Int32?
    public var error: String?
    public var warmup: Int = 0
    /// The time the measured iterations took together, when a sample is a mean over several
    /// iterations (google-benchmark, pytest-benchmark); nil: the samples' sum.
    public var totalNs: Double?
    public var cpuUserUs: UInt64?
    public var cpuSystemUs: UInt64?
    public var maxRSSBytes: UInt64?

    public init(name: String, group: String, mode: ExecutionMode, samplesNs: [Int64], stats: SampleStats? = nil) {
        self.name = name
        self.group = group
        self.mode = mode
        self.samplesNs = samplesNs
        self.stats = stats
    }
}

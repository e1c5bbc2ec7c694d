import BenchModel
import Foundation

/// What one results file says, before it becomes a run: the benchmarks, and whatever the tool
/// recorded about the machine, the commit and the time.
public struct ImportedResults: Sendable {
    public var benchmarks: [ImportedBenchmark]
    public var hostname: String?
    public var cpuModel: String?
    public var cores: Int?
    /// The operating system's name as the tool gives it ("Linux", "Darwin").
    public var system: String?
    public var kernel: String?
    public var git: GitInfo?
    public var startedAt: Date?
    public var context: [String: String]

    public init(benchmarks: [ImportedBenchmark] = []) {
        self.benchmarks = benchmarks
        context = [:]
    }
}

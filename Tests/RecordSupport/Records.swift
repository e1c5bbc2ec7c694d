import BenchModel
import BenchStats
import Foundation

/// Constructed run records, shared by the analysis and report tests.
public enum Records {
    public static let machine = MachineInfo(
        hostname: "ci-1", os: "Debian 13", kernel: "6.18", cpuModel: "Test CPU", cores: 2, memoryBytes: 24 << 30,
        swiftVersion: "6.3.1")

    public static func result(
        _ name: String, samples: [Double], outcome: Outcome = .ok, memory: UInt64? = 1_000_000, cpuUs: UInt64? = 5_000,
        threshold: Double? = nil
    ) -> BenchmarkResult {
        let samplesNs = samples.map { Int64($0.rounded()) }
        return BenchmarkResult(
            name: name, group: "default", kind: .command, mode: .isolated, outcome: outcome,
            exitCode: outcome == .ok ? 0 : 1, timeoutMs: 10_000, warmup: 1, samplesNs: samplesNs,
            stats: SampleStatistics.make(samplesNs: samplesNs, threshold: threshold ?? ThresholdDefaults.time),
            resources: Resources(maxRSSBytes: memory, cpuUserUs: cpuUs, cpuSystemUs: cpuUs.map { _ in 0 }, totalMs: 12),
            config: threshold.map {
                BenchmarkSettings(
                    command: ["true"], swift: nil, iterations: samples.count, minTimeMs: nil, graceMs: 500,
                    killSignal: "SIGTERM", env: [:], inheritEnv: [], regressionThreshold: $0)
            })
    }

    public static func run(
        _ id: String, minute: Int, branch: String? = "main", commit: String? = nil, build: String = "release",
        machine: MachineInfo = machine, _ benchmarks: [BenchmarkResult]
    ) -> RunRecord {
        let start = Date(timeIntervalSince1970: 1_790_000_000 + Double(minute) * 60)
        return RunRecord(
            id: id, startedAt: start, finishedAt: start.addingTimeInterval(30), isolation: true,
            buildConfiguration: build,
            git: branch == nil && commit == nil
                ? nil : GitInfo(commit: commit ?? String(repeating: String(id.prefix(1)), count: 40), branch: branch, dirty: false),
            machine: machine, benchmarks: benchmarks)
    }

    /// `count` samples around `level` with relative Gaussian noise.
    public static func samples(_ count: Int, level: Double, noise: Double, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in level * (1 + noise * generator.nextNormal()) }
    }
}

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

    /// A result measured in several processes, one round each (round 1, 2, …): `processes[i]` are
    /// process i's samples. `memory` and `cpuPerIterationUs`, when given, are per process too;
    /// each process ran `iterations` iterations.
    public static func result(
        _ name: String, processes: [[Double]], memory: [UInt64]? = nil, cpuPerIterationUs: [Double]? = nil,
        iterations: Int = 20, informational: Bool = false
    ) -> BenchmarkResult {
        var result = Self.result(name, samples: processes.flatMap { $0 })
        result.processes = processes.indices.map { index in
            ProcessRecord(
                round: index + 1, samples: processes[index].count, outcome: .ok, maxRSSBytes: memory?[index],
                cpuUserUs: cpuPerIterationUs.map { UInt64(($0[index] * Double(iterations)).rounded()) }, cpuSystemUs: 0,
                wallMs: 10, iterations: iterations)
        }
        if let memory { result.resources.maxRSSBytes = memory.max() }
        if informational {
            result.config = BenchmarkSettings(
                command: ["true"], swift: nil, iterations: iterations, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM",
                env: [:], inheritEnv: [], informational: true)
        }
        return result
    }

    /// `count` processes of `samples` samples each: a process lands at `level` × (1 + `jitter` ×
    /// N(0, 1)), the mode of its own, and its samples scatter around that by `noise`.
    public static func processes(
        _ count: Int, samples: Int, level: Double, jitter: Double, noise: Double, _ generator: inout SeededGenerator
    ) -> [[Double]] {
        (0..<count).map { _ in
            Self.samples(samples, level: level * (1 + jitter * generator.nextNormal()), noise: noise, &generator)
        }
    }

    /// `count` samples around `level` with relative Gaussian noise.
    public static func samples(_ count: Int, level: Double, noise: Double, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in level * (1 + noise * generator.nextNormal()) }
    }
}

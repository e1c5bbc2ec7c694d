import BenchModel
import Foundation

/// Fully populated values, so a round trip exercises every field and every coding key.
enum Samples {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static var machine: MachineInfo {
        MachineInfo(
            hostname: "ci-runner-7", os: "Debian 13", kernel: "6.12.0", cpuModel: "AMD EPYC 7763", cores: 2,
            memoryBytes: 8_589_934_592, swiftVersion: "6.3.1")
    }

    static var resources: Resources {
        Resources(
            maxRSSBytes: 46_284, peakMemoryGrowthBytes: 4_096, cpuUserUs: 2_340, cpuSystemUs: 120, totalMs: 12.45,
            overheadMs: 10.1, voluntaryContextSwitches: 3, involuntaryContextSwitches: 1, minorFaults: 210,
            majorFaults: 0, cgroupPeakBytes: 1_048_576, peakMemoryGrowthWithWarmupBytes: 8_192)
    }

    static var settings: BenchmarkSettings {
        BenchmarkSettings(
            command: ["python3", "bench.py"], swift: nil, iterations: 20, minTimeMs: 5, maxDurationMs: 2_000,
            graceMs: 500, killSignal: "SIGTERM", env: ["NODE_ENV": "production"], inheritEnv: ["PATH", "HOME"],
            regressionThreshold: 0.05, metric: .instructions)
    }

    static var fullResult: BenchmarkResult {
        BenchmarkResult(
            name: "Profile Query (single)", group: "queries", kind: .command, mode: .inProcess, outcome: .limit,
            exitCode: 137, signal: "SIGKILL", error: "it ran into its memory limit", stderrTail: "out of memory\n",
            killedBy: "SIGKILL", targetNs: 800_000, timeoutMs: 10_000, warmup: 3, samplesNs: [186_000, 190_000, 183_500],
            stats: SampleStats(
                count: 3, minNs: 183_500, maxNs: 190_000, meanNs: 186_500, medianNs: 186_000, stddevNs: 3_278,
                madNs: 2_500, p90Ns: 189_200, p99Ns: 189_920, cv: 0.0176, ciLowNs: 183_500, ciHighNs: 190_000, noisy: false),
            metric: .instructions, samplesInstructions: [14_040, 14_041, 14_039],
            instructionStats: CountStats([14_040, 14_041, 14_039]), resources: resources, config: settings,
            samplesSource: .harness,
            limits: [AppliedLimit(resource: .memory, value: 64, mechanism: "cgroup v1 memory.limit_in_bytes")],
            limitHit: .memory)
    }

    static var sparseResult: BenchmarkResult {
        BenchmarkResult(
            name: "noop", group: "default", kind: .swift, mode: .isolated, outcome: .ok, timeoutMs: 10_000, warmup: 0,
            samplesNs: [40, 41], resources: Resources(totalMs: 3))
    }

    static var fullRecord: RunRecord {
        RunRecord(
            id: "20261202T003000Z-3f2a", startedAt: start, startedAtUnixNs: 1_780_000_000_250_000_000,
            finishedAt: start.addingTimeInterval(42), interrupted: true, isolation: true, buildConfiguration: "release",
            title: "nightly", configPath: "Benchmarks/config.toml",
            git: GitInfo(commit: "9f1704d0123456789abcdef0123456789abcdef0", branch: "main", dirty: false, subject: "Faster sort"),
            machine: machine, benchmarks: [fullResult, sparseResult],
            selection: RunSelection(filter: "query", shard: "2/4", notSelected: ["noop"]), kind: .merged,
            source: RunSource(
                format: "hyperfine", files: ["a.json", "b.json"], runIDs: ["r1", "r2"], context: ["mhz_per_cpu": "2445"]))
    }

    /// A result file as JSON objects, to look at keys the way another reader would.
    static func jsonObject(_ value: some Encodable) throws -> [String: Any] {
        let data = try RunRecordCoding.encoder().encode(value)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

import BenchModel
import Foundation
import XCTest

/// A fresh folder under the temporary directory, removed by the test's teardown.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("history-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

func date(_ iso: String) -> Date {
    let formatter = ISO8601DateFormatter()
    if iso.contains(".") { formatter.formatOptions.insert(.withFractionalSeconds) }
    guard let date = formatter.date(from: iso) else { preconditionFailure("bad test date \(iso)") }
    return date
}

/// A run with `benchmarks` realistic results of `samples` samples each.
func makeRun(id: String, startedAt: Date, benchmarks: Int = 2, samples: Int = 5) -> RunRecord {
    let results = (0..<benchmarks).map { index in
        let values = (0..<samples).map { Int64(1_000_000 + index * 1000 + $0 * 37) }
        return BenchmarkResult(
            name: "bench \(index) <&\"'>", group: "group \(index % 3)", kind: index % 2 == 0 ? .swift : .command,
            mode: .isolated, outcome: .ok, exitCode: 0, targetNs: 2_000_000, timeoutMs: 10_000, warmup: 3,
            samplesNs: values,
            stats: SampleStats(
                count: samples, minNs: Double(values.first ?? 0), maxNs: Double(values.last ?? 0), meanNs: 1_000_100,
                medianNs: 1_000_074, stddevNs: 50.5, madNs: 37, p90Ns: 1_000_140, p99Ns: 1_000_148, cv: 0.00005),
            resources: Resources(
                maxRSSBytes: 45_000_000, peakMemoryGrowthBytes: 46_284, cpuUserUs: 2340, cpuSystemUs: 120,
                totalMs: 12.45, overheadMs: 1.2, voluntaryContextSwitches: 3, involuntaryContextSwitches: 1,
                minorFaults: 900, majorFaults: 0),
            config: BenchmarkSettings(
                command: index % 2 == 0 ? nil : ["gzip", "-c", "file"], swift: index % 2 == 0 ? "bench-\(index)" : nil,
                iterations: samples, minTimeMs: nil, graceMs: 1000, killSignal: "SIGTERM",
                env: ["NODE_ENV": "production"], inheritEnv: ["PATH", "HOME"]))
    }
    return RunRecord(
        id: id, startedAt: startedAt, finishedAt: startedAt.addingTimeInterval(42), isolation: true,
        buildConfiguration: "release", title: "benchboard", configPath: "config.toml",
        git: GitInfo(commit: String(repeating: "ab", count: 20), branch: "main", dirty: false, subject: "Fix it"),
        machine: MachineInfo(
            hostname: "ci-1", os: "Debian GNU/Linux 13 (trixie)", kernel: "6.18.0", cpuModel: "Test CPU @ 3.0GHz",
            cores: 2, memoryBytes: 24 << 30, swiftVersion: "6.3"),
        benchmarks: results)
}

import BenchModel
import BenchStats
import Foundation
import XCTest

/// `benchboard compare --fail-on-regression` on run files whose benchmark doubled at 30 % noise:
/// it exited 0 because the verdict was `noisy`.
final class CompareVerdictTests: XCTestCase {
    private func run(id: String, at seconds: TimeInterval, samples: [Double]) -> RunRecord {
        let result = BenchmarkResult(
            name: "doubles", group: "core", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0,
            timeoutMs: 10_000, warmup: 0, samplesNs: samples.map { Int64($0.rounded()) }, resources: Resources(totalMs: 50))
        let machine = MachineInfo(
            hostname: "h", os: "os", kernel: "k", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3")
        let date = Date(timeIntervalSince1970: 1_800_000_000 + seconds)
        return RunRecord(
            id: id, startedAt: date, finishedAt: date, isolation: true, buildConfiguration: "release", git: nil,
            machine: machine, benchmarks: [result])
    }

    func testDoubledBenchmarkFailsTheGate() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        var g = SeededGenerator(seed: 88)
        let noisy = { (level: Double) in (0..<30).map { _ in level * (1 + 0.3 * g.nextNormal()) } }
        let encoder = RunRecordCoding.encoder()
        try encoder.encode(run(id: "aaaa0001", at: 0, samples: noisy(1e6))).write(to: cli.directory.appending(path: "base.json"))
        try encoder.encode(run(id: "bbbb0002", at: 60, samples: noisy(2e6))).write(to: cli.directory.appending(path: "head.json"))

        let gate = try cli.run(["compare", "base.json", "head.json", "--fail-on-regression"])
        XCTAssertEqual(gate.status, 1, gate.stdout + gate.stderr)
        let row = try XCTUnwrap(gate.stdout.split(separator: "\n").first { $0.contains("doubles") })
        XCTAssertTrue(row.hasPrefix("regression"), String(row))
        XCTAssertEqual(try cli.run(["compare", "base.json", "head.json"]).status, 0, "without the flag a regression is only reported")
    }
}

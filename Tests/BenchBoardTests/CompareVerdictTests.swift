import BenchModel
import BenchStats
import Foundation
import XCTest

/// `benchboard compare --fail-on-regression` on run files whose benchmark doubled at 30 % noise:
/// it exited 0 because the verdict was `noisy`.
final class CompareVerdictTests: XCTestCase {
    private func run(id: String, at seconds: TimeInterval, samples: [Double], three: [Double]) -> RunRecord {
        let results = [("doubles", samples), ("three", three)].map { name, samples in
            BenchmarkResult(
                name: name, group: "core", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0,
                timeoutMs: 10_000, warmup: 0, samplesNs: samples.map { Int64($0.rounded()) }, resources: Resources(totalMs: 50))
        }
        let machine = MachineInfo(
            hostname: "h", os: "os", kernel: "k", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3")
        let date = Date(timeIntervalSince1970: 1_800_000_000 + seconds)
        return RunRecord(
            id: id, startedAt: date, finishedAt: date, isolation: true, buildConfiguration: "release", git: nil,
            machine: machine, benchmarks: results)
    }

    func testDoubledBenchmarkFailsTheGate() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        var g = SeededGenerator(seed: 88)
        let noisy = { (level: Double) in (0..<30).map { _ in level * (1 + 0.3 * g.nextNormal()) } }
        let encoder = RunRecordCoding.encoder()
        try encoder.encode(run(id: "aaaa0001", at: 0, samples: noisy(1e6), three: [1e6, 1.01e6, 0.99e6])).write(to: cli.directory.appending(path: "base.json"))
        try encoder.encode(run(id: "bbbb0002", at: 60, samples: noisy(2e6), three: [1.5e6, 1.51e6, 1.49e6])).write(to: cli.directory.appending(path: "head.json"))

        let gate = try cli.run(["compare", "base.json", "head.json", "--fail-on-regression"])
        XCTAssertEqual(gate.status, 1, gate.stdout + gate.stderr)
        let row = try XCTUnwrap(gate.stdout.split(separator: "\n").first { $0.contains("doubles") })
        XCTAssertTrue(row.hasPrefix("regression"), String(row))
        // The P column: p ≈ 1e-8, never "0" or "0.000".
        XCTAssertNotNil(row.range(of: #" \d\.\de-\d+ "#, options: .regularExpression), String(row))
        // +50 % on three samples a side is noisy, and the reason is printed under the table.
        XCTAssertTrue(
            gate.stdout.contains("  three (time, noisy): not significant (p = 0.1, α = 0.01): the change is somewhere in "),
            gate.stdout)
        let json = try cli.run(["compare", "base.json", "head.json", "--format", "json"])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let three = try XCTUnwrap(rows.first { $0["name"] as? String == "three" })
        XCTAssertEqual(three["verdict"] as? String, "noisy")
        XCTAssertTrue(((three["time"] as? [String: Any])?["note"] as? String)?.hasPrefix("not significant (p = 0.1") ?? false)
        XCTAssertEqual(try cli.run(["compare", "base.json", "head.json"]).status, 0, "without the flag a regression is only reported")
    }
}

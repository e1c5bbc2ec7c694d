import BenchModel
import BenchStats
import Foundation
import XCTest

/// `benchboard compare --fail-on-regression` on run files measured in processes: a benchmark
/// 2.5× slower at 30 % noise fails the gate with no history at all (far beyond every spread); one
/// process a side +50 % is unconfirmed with its reason; an informational benchmark never gates.
final class CompareVerdictTests: XCTestCase {
    private func result(_ name: String, processes: [[Double]], informational: Bool = false) -> BenchmarkResult {
        let records = processes.indices.map { ProcessRecord(round: $0 + 1, samples: processes[$0].count, outcome: .ok, wallMs: 10) }
        return BenchmarkResult(
            name: name, group: "core", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0,
            timeoutMs: 10_000, warmup: 0, samplesNs: processes.flatMap { $0 }.map { Int64($0.rounded()) },
            resources: Resources(totalMs: 50),
            config: BenchmarkSettings(
                command: ["true"], swift: nil, iterations: 30, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM",
                env: [:], inheritEnv: [], informational: informational ? true : nil),
            processes: records.count > 1 ? records : nil)
    }

    private func run(id: String, at seconds: TimeInterval, _ results: [BenchmarkResult]) -> RunRecord {
        let machine = MachineInfo(
            hostname: "h", os: "os", kernel: "k", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3")
        let date = Date(timeIntervalSince1970: 1_800_000_000 + seconds)
        return RunRecord(
            id: id, startedAt: date, finishedAt: date, isolation: true, buildConfiguration: "release", git: nil,
            machine: machine, benchmarks: results)
    }

    func testFarBeyondFailsTheGateOneProcessIsUnconfirmedInformationalNeverGates() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        var g = SeededGenerator(seed: 88)
        let noisy = { (level: Double) in
            // 30 % noise, never below a tenth of the level (a duration is positive).
            (0..<5).map { _ in (0..<30).map { _ in level * Swift.max(0.1, 1 + 0.3 * g.nextNormal()) } }
        }
        let encoder = RunRecordCoding.encoder()
        let base = run(id: "aaaa0001", at: 0, [
            result("slower", processes: noisy(1e6)), result("three", processes: [[1e6, 1.01e6, 0.99e6]]),
            result("side", processes: noisy(1e6), informational: true),
        ])
        let head = run(id: "bbbb0002", at: 60, [
            result("slower", processes: noisy(2.5e6)), result("three", processes: [[1.5e6, 1.51e6, 1.49e6]]),
            result("side", processes: noisy(1e6), informational: true),
        ])
        try encoder.encode(base).write(to: cli.directory.appending(path: "base.json"))
        try encoder.encode(head).write(to: cli.directory.appending(path: "head.json"))

        let gate = try cli.run(["compare", "base.json", "head.json", "--fail-on-regression"])
        XCTAssertEqual(gate.status, 1, gate.stdout + gate.stderr)
        let row = try XCTUnwrap(gate.stdout.split(separator: "\n").first { $0.contains("slower") })
        XCTAssertTrue(row.hasPrefix("regression"), String(row))
        XCTAssertTrue(gate.stdout.contains("  three (time, unconfirmed): one process in both runs: "), gate.stdout)
        let json = try cli.run(["compare", "base.json", "head.json", "--format", "json"])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let three = try XCTUnwrap(rows.first { $0["name"] as? String == "three" })
        XCTAssertEqual(three["verdict"] as? String, "unconfirmed")
        XCTAssertTrue(((three["time"] as? [String: Any])?["note"] as? String)?.hasPrefix("one process in both runs") ?? false)
        let slower = try XCTUnwrap(rows.first { $0["name"] as? String == "slower" })
        let time = try XCTUnwrap(slower["time"] as? [String: Any])
        XCTAssertNotNil(time["detectablePercent"] as? Double, "the smallest detectable change")
        XCTAssertNotNil(time["processSpreadPercent"] as? Double)
        XCTAssertEqual(slower["informational"] as? Bool, false)
        XCTAssertEqual(try cli.run(["compare", "base.json", "head.json"]).status, 0, "without the flag a regression is only reported")

        // The same slowdown in a benchmark marked informational: shown, and the gate stays green.
        let quiet = run(id: "cccc0003", at: 120, [
            result("slower", processes: noisy(1e6)), result("three", processes: [[1e6, 1.01e6, 0.99e6]]),
            result("side", processes: noisy(2.5e6), informational: true),
        ])
        try encoder.encode(quiet).write(to: cli.directory.appending(path: "quiet.json"))
        let shown = try cli.run(["compare", "base.json", "quiet.json", "--fail-on-regression"])
        XCTAssertEqual(shown.status, 0, shown.stdout + shown.stderr)
        XCTAssertTrue(try XCTUnwrap(shown.stdout.split(separator: "\n").first { $0.contains("side") }).hasPrefix("regression"))
    }
}

import BenchModel
import Foundation
import XCTest

final class CompareThresholdTests: XCTestCase {
    /// A run whose one benchmark recorded a 1 % regression threshold, with tight samples around `medianNs`.
    private func run(id: String, at seconds: TimeInterval, medianNs: Int64) -> RunRecord {
        let samples = (0..<30).map { medianNs + Int64($0 % 5) * 1_000 }
        let settings = BenchmarkSettings(
            command: ["true"], swift: nil, iterations: 30, minTimeMs: nil, graceMs: 1000, killSignal: "SIGTERM",
            env: [:], inheritEnv: [], regressionThreshold: 0.01)
        let result = BenchmarkResult(
            name: "parse", group: "core", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0, timeoutMs: 10_000,
            warmup: 0, samplesNs: samples, resources: Resources(totalMs: 50), config: settings)
        let machine = MachineInfo(
            hostname: "h", os: "os", kernel: "k", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3")
        let date = Date(timeIntervalSince1970: 1_800_000_000 + seconds)
        return RunRecord(
            id: id, startedAt: date, finishedAt: date, isolation: true, buildConfiguration: "release", git: nil,
            machine: machine, benchmarks: [result])
    }

    /// base.json and head.json: the same benchmark, 10 % slower in head.
    private func harnessWithTwoRuns() throws -> CLIHarness {
        let cli = try CLIHarness()
        let encoder = RunRecordCoding.encoder()
        try encoder.encode(run(id: "aaaa0001", at: 0, medianNs: 1_000_000)).write(to: cli.directory.appending(path: "base.json"))
        try encoder.encode(run(id: "bbbb0002", at: 60, medianNs: 1_100_000)).write(to: cli.directory.appending(path: "head.json"))
        return cli
    }

    func testCommandLineThresholdBeatsTheRecordedOne() throws {
        let cli = try harnessWithTwoRuns()
        defer { cli.cleanUp() }

        func verdict(_ extra: [String]) throws -> String? {
            let result = try cli.run(["compare", "base.json", "head.json", "--format", "json"] + extra)
            XCTAssertEqual(result.status, 0, result.stderr)
            let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return (document["benchmarks"] as? [[String: Any]])?.first?["verdict"] as? String
        }
        // +10 % is beyond the recorded 1 % threshold; one process a side leaves it unconfirmed.
        XCTAssertEqual(try verdict([]), "unconfirmed", "+10 % against the recorded 1 % threshold")
        XCTAssertEqual(try verdict(["--threshold", "50%"]), "unchanged", "the command line beats the recorded threshold")
    }

    /// `--threshold` reads like `regression_threshold` in config.toml: "5%" or a fraction up to 1.
    /// A bare 5 used to mean 500 %; it is refused with the percentage it probably meant.
    func testThresholdIsAPercentageOrAFractionNeverABareNumberAboveOne() throws {
        let cli = try harnessWithTwoRuns()
        defer { cli.cleanUp() }
        let compare = ["compare", "base.json", "head.json", "--format", "json", "--threshold"]

        let bare = try cli.run(compare + ["5"])
        XCTAssertEqual(bare.status, 2, bare.stderr)
        XCTAssertTrue(bare.stderr.contains("did you mean 5%?"), bare.stderr)
        XCTAssertTrue(bare.stdout.isEmpty, bare.stdout)

        for accepted in ["50%", "0.5", "1"] {
            let result = try cli.run(compare + [accepted])
            XCTAssertEqual(result.status, 0, "\(accepted): \(result.stderr)")
            let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let verdict = (document["benchmarks"] as? [[String: Any]])?.first?["verdict"] as? String
            XCTAssertEqual(verdict, "unchanged", accepted)
        }
        for refused in ["-5%", "abc", "nan"] {
            let result = try cli.run(compare + [refused])
            XCTAssertEqual(result.status, 2, "\(refused): \(result.stderr)")
        }
    }
}

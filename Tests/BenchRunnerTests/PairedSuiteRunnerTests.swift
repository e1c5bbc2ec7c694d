import BenchConfig
import BenchIsolation
import BenchModel
import BenchTerminal
import Foundation
import Synchronization
import XCTest

@testable import BenchRunner

/// `benchboard ab`'s order, driven through the executor seam: in each round every benchmark's
/// process of one build runs right next to the same benchmark's process of the other, and which
/// build goes first alternates from benchmark to benchmark and from round to round.
final class PairedSuiteRunnerTests: XCTestCase {
    /// What both sides' executors were asked, in order.
    private final class Log: Sendable {
        let entries = Mutex<[String]>([])
    }

    private func runner(_ side: String, _ specs: [BenchmarkSpec], log: Log) -> SuiteRunner {
        let executor = FakeExecutor { spec, count, _ in
            log.entries.withLock { $0.append("\(side) \(spec.arguments.first ?? "?") ×\(count)") }
            return FakeExecutor.success(count)
        }
        let report = ReportSettings(outputDirectory: "/nonexistent/out", historyDirectory: "/nonexistent/history")
        let config = SuiteConfig(sourcePath: "config.toml", baseDirectory: "/", report: report, benchmarks: specs)
        let plan = RunPlan(config: config, benchmarks: specs, isolation: true, isolationSource: "test")
        let machine = MachineInfo(hostname: "h", os: "linux", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: 1, swiftVersion: nil)
        return SuiteRunner(
            plan: plan, registry: [:], environment: [:], terminal: Terminal(isInteractive: false, useColor: false),
            buildConfiguration: "debug", identity: RunIdentity(id: side, git: nil, machine: machine), quiet: true,
            executors: FakeFactory([executor]))
    }

    func testEachBenchmarkRunsNextToItsPartnerAndTheFirstSideAlternates() throws {
        let log = Log()
        let shared = [
            BenchmarkSpec(name: "A", definition: .command(["a"]), warmup: 0, iterations: 3, rounds: 3),
            BenchmarkSpec(name: "B", definition: .command(["b"]), warmup: 0, iterations: 2, rounds: 2),
        ]
        let headOnly = BenchmarkSpec(name: "N", definition: .command(["n"]), warmup: 0, iterations: 1, rounds: 1)
        let baseOnly = BenchmarkSpec(name: "R", definition: .command(["r"]), warmup: 0, iterations: 1, rounds: 1)
        var finished: [Int] = []
        let (head, base) = PairedSuiteRunner(
            first: runner("head", shared + [headOnly], log: log), second: runner("base", [baseOnly] + shared, log: log)
        ).run { finished.append($0) }

        XCTAssertEqual(log.entries.withLock { $0 }, [
            // Round 1: positions 0 (A), 1 (B), 2 (N, head only), 3 (R, base only).
            "base a ×1", "head a ×1", "head b ×1", "base b ×1", "head n ×1", "base r ×1",
            // Round 2: the other side first at each position.
            "head a ×1", "base a ×1", "base b ×1", "head b ×1",
            // Round 3: only A has a third round.
            "base a ×1", "head a ×1",
        ])
        XCTAssertEqual(finished, [1, 2, 3])
        XCTAssertEqual(head.record.benchmarks.map { $0.name }, ["A", "B", "N"])
        XCTAssertEqual(base.record.benchmarks.map { $0.name }, ["R", "A", "B"])
        XCTAssertEqual(head.record.benchmarks.map { $0.processes?.map { $0.round } }, [[1, 2, 3], [1, 2], [1]])
        XCTAssertEqual(base.record.benchmarks.map { $0.processes?.map { $0.round } }, [[1], [1, 2, 3], [1, 2]])
        XCTAssertNil(head.interruptedBy)
        XCTAssertNil(base.interruptedBy)
    }

    func testOrderPairsByNameAndKeepsEachSidesOwn() {
        let slots = PairedSuiteRunner.order(first: ["a", "b", "c"], second: ["c", "x", "a"])
        XCTAssertEqual(slots.map { "\($0.first.map(String.init) ?? "-")/\($0.second.map(String.init) ?? "-")" }, [
            "0/2", "1/-", "2/0", "-/1",
        ])
    }
}

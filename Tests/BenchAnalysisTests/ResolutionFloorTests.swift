import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// CPU and memory follow the process-level rule, never below their resolution floors.
final class ResolutionFloorTests: XCTestCase {
    func runs(
        memory: [UInt64], cpu: [Double], iterations: Int, current: (memory: [UInt64], cpu: [Double]), _ g: inout SeededGenerator
    ) -> (history: [RunRecord], now: RunRecord) {
        let history = (0..<8).map { i in
            Records.run("run-\(i)", minute: i, [
                Records.result(
                    "x", processes: Records.processes(memory.count, samples: 10, level: 1e6, jitter: 0.01, noise: 0.01, &g),
                    memory: memory.map { UInt64(Double($0) * (1 + 0.002 * g.nextNormal())) },
                    cpuPerIterationUs: cpu.map { $0 * (1 + 0.01 * g.nextNormal()) }, iterations: iterations)
            ])
        }
        let now = Records.run("now", minute: 20, [
            Records.result(
                "x", processes: Records.processes(current.memory.count, samples: 10, level: 1e6, jitter: 0.01, noise: 0.01, &g),
                memory: current.memory, cpuPerIterationUs: current.cpu, iterations: iterations)
        ])
        return (history, now)
    }

    func row(_ r: (history: [RunRecord], now: RunRecord)) -> BenchmarkComparison {
        Analyzer.compare(current: r.now, baseline: r.history.last, history: r.history).benchmarks[0]
    }

    /// +50 % of 600 KiB is 300 KiB: fewer pages than identical processes differ by.
    func testMemoryBelowTheFloorIsNotJudged() throws {
        var g = SeededGenerator(seed: 190)
        let small = row(runs(
            memory: Array(repeating: 600 << 10, count: 5), cpu: Array(repeating: 100, count: 5), iterations: 1_000,
            current: (Array(repeating: 900 << 10, count: 5), Array(repeating: 100, count: 5)), &g))
        XCTAssertEqual(small.memory.verdict, .unchanged)
        XCTAssertTrue(try XCTUnwrap(small.memory.note).hasPrefix("below the memory floor (512"), small.memory.note ?? "")
        let large = row(runs(
            memory: Array(repeating: 10_000_000, count: 5), cpu: Array(repeating: 100, count: 5), iterations: 1_000,
            current: (Array(repeating: 13_000_000, count: 5), Array(repeating: 100, count: 5)), &g))
        XCTAssertEqual(large.memory.verdict, .regression)
        XCTAssertTrue(large.failsGate)
    }

    /// Three processes at 10 MB and two at 14 MB: the run's processes disagree, which is shown as
    /// their spread, not called a regression.
    func testProcessesThatDisagreeOnMemoryShowTheSpread() throws {
        var g = SeededGenerator(seed: 191)
        let r = row(runs(
            memory: Array(repeating: 10_000_000, count: 5), cpu: Array(repeating: 100, count: 5), iterations: 1_000,
            current: ([10_000_000, 14_000_000, 10_050_000, 14_100_000, 14_000_000], Array(repeating: 100, count: 5)), &g))
        XCTAssertEqual(r.memory.verdict, .unconfirmed)
        XCTAssertEqual(try XCTUnwrap(r.memory.processSpreadPercent), 14.6, accuracy: 0.2)
        XCTAssertTrue(try XCTUnwrap(r.memory.note).contains("this run's processes disagree by ±14.6 %"), r.memory.note ?? "")
        XCTAssertFalse(r.failsGate)
    }

    /// CPU per iteration, +30 %: with 10 iterations a process that is 0.3 ms, under one 4 ms tick;
    /// with 1 000 iterations it is 30 ms, and judged.
    func testCPUBelowOneTickPerProcessIsNotJudged() throws {
        var g = SeededGenerator(seed: 192)
        let few = row(runs(
            memory: Array(repeating: 10_000_000, count: 5), cpu: Array(repeating: 100, count: 5), iterations: 10,
            current: (Array(repeating: 10_000_000, count: 5), Array(repeating: 130, count: 5)), &g))
        XCTAssertEqual(few.cpu.verdict, .unchanged)
        XCTAssertTrue(try XCTUnwrap(few.cpu.note).hasPrefix("below the CPU accounting floor: one scheduler tick (4 ms) per process"), few.cpu.note ?? "")
        let many = row(runs(
            memory: Array(repeating: 10_000_000, count: 5), cpu: Array(repeating: 100, count: 5), iterations: 1_000,
            current: (Array(repeating: 10_000_000, count: 5), Array(repeating: 130, count: 5)), &g))
        XCTAssertEqual(many.cpu.verdict, .regression)
        XCTAssertEqual(try XCTUnwrap(many.cpu.current), 130, accuracy: 0.5)
    }
}

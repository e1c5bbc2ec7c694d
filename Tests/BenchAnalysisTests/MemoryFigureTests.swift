import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// Swift benchmarks' 💾 is the peak growth with warm-up; runs recorded before it existed have the
/// growth after warm-up only, and a comparison with them must compare like with like.
final class MemoryFigureTests: XCTestCase {
    private func swiftResult(afterWarmup: UInt64, withWarmup: UInt64?) -> BenchmarkResult {
        var g = SeededGenerator(seed: 7)
        var result = Records.result("alloc", samples: Records.samples(20, level: 1e6, noise: 0.01, &g))
        result.kind = .swift
        result.resources = Resources(
            maxRSSBytes: 80_000_000, peakMemoryGrowthBytes: afterWarmup, cpuUserUs: 5_000, cpuSystemUs: 0, totalMs: 12,
            peakMemoryGrowthWithWarmupBytes: withWarmup)
        return result
    }

    private func memory(baseline: BenchmarkResult, current: BenchmarkResult) throws -> MetricComparison {
        let comparison = Analyzer.compare(
            current: Records.run("b", minute: 10, [current]), baseline: Records.run("a", minute: 0, [baseline]))
        return try XCTUnwrap(comparison.benchmarks.first).memory
    }

    func testAnOlderBaselineIsComparedOnTheGrowthAfterWarmUp() throws {
        let old = swiftResult(afterWarmup: 50_000, withWarmup: nil)
        let new = swiftResult(afterWarmup: 50_000, withWarmup: 64_000_000)
        let memory = try memory(baseline: old, current: new)
        XCTAssertEqual(memory.verdict, .unchanged)
        XCTAssertEqual(memory.current, 50_000)
    }

    func testTwoNewRunsAreComparedOnTheGrowthWithWarmUp() throws {
        let before = swiftResult(afterWarmup: 50_000, withWarmup: 32_000_000)
        let after = swiftResult(afterWarmup: 50_000, withWarmup: 64_000_000)
        let memory = try memory(baseline: before, current: after)
        XCTAssertEqual(memory.verdict, .regression)
        XCTAssertEqual(memory.current, 64_000_000)
        XCTAssertEqual(after.resources.memoryFigureBytes(for: .swift), 64_000_000, "the 💾 figure")
    }
}

@testable import BenchAnalysis
import BenchModel
import Foundation
import RecordSupport
import XCTest

/// The instruction-count rule: beyond the threshold and beyond the spread of the counts is a
/// verdict, one run a side.
final class InstructionVerdictTests: XCTestCase {
    private func counted(_ name: String, _ counts: [Int64], wallNs: Double = 5_000_000) -> BenchmarkResult {
        var result = Records.result(name, samples: Array(repeating: wallNs, count: counts.count))
        result.metric = .instructions
        result.samplesInstructions = counts
        result.instructionStats = CountStats(counts)
        return result
    }

    private func compare(_ baseline: [Int64], _ current: [Int64], wall: (Double, Double) = (5e6, 5e6))
        -> BenchmarkComparison
    {
        let base = Records.run("b", minute: 0, [counted("loop", baseline, wallNs: wall.0)])
        let now = Records.run("c", minute: 1, [counted("loop", current, wallNs: wall.1)])
        return Analyzer.compare(current: now, baseline: base).benchmarks[0]
    }

    func testTwoPercentMoreInstructionsIsARegressionAtTheDefaultOnePercent() throws {
        let row = compare([10_000_000, 10_000_010, 10_000_004], [10_200_000, 10_200_012, 10_200_006])
        XCTAssertEqual(row.verdict, .regression)
        let instructions = try XCTUnwrap(row.instructions)
        XCTAssertEqual(instructions.verdict, .regression)
        XCTAssertEqual(try XCTUnwrap(instructions.changePercent), 2.0, accuracy: 0.001)
        XCTAssertNil(instructions.pValue, "no significance test for counts")
    }

    func testOneSampleASideDecides() throws {
        XCTAssertEqual(compare([1_000_000], [1_020_000]).verdict, .regression)
        XCTAssertEqual(compare([1_000_000], [980_000]).verdict, .improvement)
        XCTAssertEqual(compare([1_000_000], [1_000_024]).verdict, .unchanged)
    }

    func testTheSameCountsAreUnchangedWhateverTheWallTimeDid() throws {
        // Wall time under valgrind doubled (a busy machine): the counts decide the headline.
        let row = compare([14_038_079, 14_038_080], [14_038_079, 14_038_081], wall: (5e6, 10e6))
        XCTAssertEqual(row.verdict, .unchanged)
        XCTAssertEqual(row.headline, try XCTUnwrap(row.instructions))
    }

    func testOverlappingCountsBeyondTheThresholdAreNoisyAndSayWhy() throws {
        let row = compare([100_000, 103_000, 101_000], [102_500, 106_000, 104_000])
        XCTAssertEqual(row.verdict, .noisy)
        let note = try XCTUnwrap(row.instructions?.note)
        XCTAssertTrue(note.hasPrefix("the instruction counts of the two runs overlap"), note)
    }

    func testAPerBenchmarkThresholdApplies() throws {
        var base = counted("loop", [1_000_000])
        var now = counted("loop", [1_020_000])
        let settings = BenchmarkSettings(
            command: ["loop"], swift: nil, iterations: 1, minTimeMs: nil, graceMs: 0, killSignal: "SIGTERM",
            env: [:], inheritEnv: [], regressionThreshold: 0.03, metric: .instructions)
        base.config = settings
        now.config = settings
        let row = Analyzer.compare(
            current: Records.run("c", minute: 1, [now]), baseline: Records.run("b", minute: 0, [base])).benchmarks[0]
        XCTAssertEqual(row.verdict, .unchanged, "2 % is within a 3 % threshold")
    }

    func testAMetricChangeIsNotComparedAcrossMetrics() throws {
        let base = Records.run("b", minute: 0, [Records.result("loop", samples: [1e6, 1e6, 1e6])])
        let now = Records.run("c", minute: 1, [counted("loop", [5_000_000, 5_000_000], wallNs: 40e6)])
        let row = Analyzer.compare(current: now, baseline: base).benchmarks[0]
        XCTAssertEqual(row.verdict, .new)
        XCTAssertEqual(row.time.verdict, .new, "valgrind's wall time must not read as a 40× regression")
        XCTAssertNotNil(row.time.note)
        XCTAssertEqual(row.instructions?.note, "the baseline did not count instructions")
    }

    func testValgrindsOwnCPUAndMemoryAreShownButNotJudged() throws {
        var base = counted("loop", [1_000_000, 1_000_000])
        var now = counted("loop", [1_000_000, 1_000_000])
        base.resources.cpuUserUs = 800_000
        now.resources.cpuUserUs = 1_400_000
        now.resources.maxRSSBytes = 3_000_000
        let comparison = Analyzer.compare(
            current: Records.run("c", minute: 1, [now]), baseline: Records.run("b", minute: 0, [base]))
        let row = comparison.benchmarks[0]
        XCTAssertEqual(row.verdict, .unchanged)
        XCTAssertEqual(row.cpu.verdict, .unchanged)
        XCTAssertEqual(row.memory.verdict, .unchanged)
        XCTAssertGreaterThan(try XCTUnwrap(row.cpu.changePercent), 50, "the change is still shown")
        XCTAssertTrue(row.cpu.note?.contains("valgrind") ?? false)
        XCTAssertFalse(comparison.hasAnyMetricRegression, "a gate must not fail on valgrind's own CPU time")
    }
}

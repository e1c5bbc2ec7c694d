import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

final class TrendTests: XCTestCase {
    /// 200 runs, +20 % at run 120, 5 % noise on the medians, one failed run before the step.
    func history(seed: UInt64) -> [RunRecord] {
        var g = SeededGenerator(seed: seed)
        return (0..<200).map { i in
            let level = (i >= 120 ? 1.2e6 : 1e6) * (1 + 0.05 * g.nextNormal())
            let result = i == 60
                ? Records.result("x", samples: [], outcome: .timeout)
                : Records.result("x", samples: [level * 0.99, level, level * 1.01])
            let commit = String(format: "%07x", 0xabc0000 + i) + String(repeating: "0", count: 33)
            return Records.run("run-\(i)", minute: i, commit: commit, [result])
        }
    }

    func testStepIsReportedWithRunCommitAndSize() throws {
        var errors: [Int] = []
        for seed in UInt64(0)..<20 {
            let trend = Analyzer.trend(of: "x", in: history(seed: seed))
            XCTAssertEqual(trend.points.count, 200)
            XCTAssertNil(trend.points[60].medianNs)
            let step = try XCTUnwrap(trend.changePoints.last)
            XCTAssertEqual(trend.changePoints.count, 1)
            errors.append(step.pointIndex - 120)
            XCTAssertEqual(step.runID, "run-\(step.pointIndex)")
            XCTAssertEqual(step.commit, trend.points[step.pointIndex].commit)
            XCTAssertEqual(step.stepPercent, 20, accuracy: 4)
        }
        XCTAssertTrue(errors.allSatisfy { abs($0) <= 2 }, "\(errors)")
    }

    func testTrendsOfEveryBenchmark() {
        let runs = [
            Records.run("a", minute: 0, [Records.result("one", samples: [1])]),
            Records.run("b", minute: 1, [Records.result("two", samples: [1]), Records.result("one", samples: [1])]),
        ]
        XCTAssertEqual(Analyzer.trends(in: runs).map(\.name), ["one", "two"])
        XCTAssertEqual(Analyzer.trends(in: runs).map(\.points.count), [2, 1])
    }

    /// Counted benchmarks trend on their instruction medians; runs that measured time are left out.
    func testCountedBenchmarkTrendsOnInstructionCounts() throws {
        func counted(_ count: Int64) -> BenchmarkResult {
            var result = Records.result("x", samples: [9e8, 9e8, 9e8])
            result.metric = .instructions
            result.samplesInstructions = [count - 10, count, count + 10]
            result.instructionStats = CountStats(result.samplesInstructions ?? [])
            return result
        }
        let runs = [Records.run("t", minute: 0, [Records.result("x", samples: [1e6, 1e6, 1e6])])]
            + (1...12).map { Records.run("c\($0)", minute: $0, [counted($0 <= 6 ? 100_000_000 : 102_000_000)]) }
        let trend = Analyzer.trend(of: "x", in: runs)
        XCTAssertEqual(trend.metric, .instructions)
        XCTAssertEqual(trend.points.map(\.runID), (1...12).map { "c\($0)" })
        XCTAssertEqual(trend.points.first?.medianNs, 100_000_000)
        XCTAssertEqual(trend.points.first?.lowNs, 99_999_990)
        XCTAssertEqual(trend.points.first?.highNs, 100_000_010)
        let step = try XCTUnwrap(trend.changePoints.last)
        XCTAssertEqual(step.runID, "c7")
        XCTAssertEqual(step.stepPercent, 2, accuracy: 1e-9)
        XCTAssertEqual(trend.format(step.afterNs), "102.00M instr")
        // A time benchmark's trend is unchanged.
        XCTAssertEqual(Analyzer.trend(of: "x", in: Array(runs.prefix(1))).metric, .time)
    }
}

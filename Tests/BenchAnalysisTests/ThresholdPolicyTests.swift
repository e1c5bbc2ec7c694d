import BenchAnalysis
import BenchModel
import RecordSupport
import XCTest

/// The one rule for which threshold judges a benchmark.
final class ThresholdPolicyTests: XCTestCase {
    private func counted(_ name: String, threshold: Double?) -> BenchmarkResult {
        var result = Records.result(name, samples: [1000], threshold: threshold)
        result.metric = .instructions
        return result
    }

    func testOverrideBeatsRecordedBeatsSuite() {
        let policy = ThresholdPolicy(time: 0.05, instructions: 0.01, overrides: ["named": 0.5])
        XCTAssertEqual(policy.headline(for: Records.result("plain", samples: [1])), 0.05)
        XCTAssertEqual(policy.headline(for: Records.result("own", samples: [1], threshold: 0.10)), 0.10)
        XCTAssertEqual(policy.headline(for: Records.result("named", samples: [1], threshold: 0.10)), 0.5)
        XCTAssertEqual(policy.headline(for: counted("counted", threshold: nil)), 0.01)
        XCTAssertEqual(policy.headline(for: counted("counted", threshold: 0.03)), 0.03)
        XCTAssertEqual(policy.headline(for: counted("named", threshold: 0.03)), 0.5)
    }

    func testDefaultsComeFromOnePlace() {
        let options = AnalysisOptions()
        XCTAssertEqual(options.thresholds.time, ThresholdDefaults.time)
        XCTAssertEqual(options.thresholds.instructions, ThresholdDefaults.instructions)
        XCTAssertEqual(options.thresholds.memory, ThresholdDefaults.memory)
        XCTAssertEqual(options.thresholds.cpu, ThresholdDefaults.cpu)
        XCTAssertEqual(options.alpha, ThresholdDefaults.alpha)
    }

    func testReachesCountsExactlyTheThresholdEitherWay() {
        XCTAssertTrue(ThresholdPolicy.reaches(5.0, 0.05))
        XCTAssertTrue(ThresholdPolicy.reaches(-5.0, 0.05))
        XCTAssertFalse(ThresholdPolicy.reaches(4.99, 0.05))
    }
}

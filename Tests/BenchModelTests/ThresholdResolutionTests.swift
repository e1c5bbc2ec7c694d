import BenchModel
import XCTest

/// The order a benchmark's threshold is picked in, shared by verdicts and recorded statistics.
final class ThresholdResolutionTests: XCTestCase {
    func testANamedThresholdBeatsTheRecordedOneWhichBeatsTheSuites() {
        XCTAssertEqual(ThresholdDefaults.resolved(named: 0.2, recorded: 0.1, suite: 0.05), 0.2)
        XCTAssertEqual(ThresholdDefaults.resolved(named: nil, recorded: 0.1, suite: 0.05), 0.1)
        XCTAssertEqual(ThresholdDefaults.resolved(recorded: nil, suite: 0.05), 0.05)
        XCTAssertEqual(ThresholdDefaults.resolved(named: 0.2, recorded: nil, suite: 0.05), 0.2)
    }
}

import BenchStats
import XCTest

final class ShamosEstimatorTests: XCTestCase {
    func testSmallSetsAndOneWildValue() throws {
        XCTAssertNil(ShamosEstimator.standardDeviation([]))
        XCTAssertNil(ShamosEstimator.standardDeviation([3]))
        // Pairwise differences 1, 1, 1, 2, 2, 3: median 1.5.
        XCTAssertEqual(try XCTUnwrap(ShamosEstimator.standardDeviation([4, 1, 3, 2])), 1.5 * 1.0483, accuracy: 1e-12)
        // One disturbed value moves the median of the ten differences from 2 to 2.5, not to ~40.
        XCTAssertEqual(try XCTUnwrap(ShamosEstimator.standardDeviation([1, 2, 3, 4, 100])), 2.5 * 1.0483, accuracy: 1e-12)
        XCTAssertEqual(ShamosEstimator.standardDeviation([7, 7, 7, 7, 7]), 0)
    }

    func testEstimatesTheStandardDeviationOfNormalData() throws {
        var generator = SeededGenerator(seed: 21)
        let values = Synthetic.noisy(600, level: 1_000, noise: 0.03, &generator)
        XCTAssertEqual(try XCTUnwrap(ShamosEstimator.standardDeviation(values)), 30, accuracy: 2)
    }
}

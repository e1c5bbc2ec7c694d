import BenchStats
import Foundation
import XCTest

final class WilcoxonSignedRankTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name: String
            var d: [Double]
            var p: Double
            var wplus: Double
            var method: String
            var hl: Double
        }
        var scipy: String
        var cases: [Case]
    }

    func testAgreesWithSciPy() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("wilcoxon.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 12)
        for item in fixture.cases {
            let result = try XCTUnwrap(WilcoxonSignedRank(differences: item.d), item.name)
            XCTAssertEqual(result.positiveRankSum, item.wplus, accuracy: 1e-9, item.name)
            XCTAssertEqual(result.method.rawValue, item.method, item.name)
            XCTAssertEqual(result.pValue, item.p, accuracy: max(1e-14, item.p * 1e-9), "\(item.name): \(result.pValue) vs SciPy \(item.p)")
            XCTAssertEqual(result.estimate, item.hl, accuracy: 1e-12, item.name)
        }
    }

    /// The interval is the set of centres the test would not reject: it leaves out 0 exactly when
    /// the exact test rejects at α.
    func testIntervalExcludesZeroExactlyWhenTheTestRejects() throws {
        var generator = SeededGenerator(seed: 7)
        for trial in 0..<300 {
            let n = 8 + trial % 17
            let shift = Double(trial % 5) * 0.02
            let d = (0..<n).map { _ in shift + Double.random(in: -0.1...0.1, using: &generator) }
            let test = try XCTUnwrap(WilcoxonSignedRank(differences: d))
            XCTAssertEqual(test.method, .exact)
            let interval = test.interval(alpha: 0.01)
            XCTAssertLessThanOrEqual(interval.low, test.estimate)
            XCTAssertGreaterThanOrEqual(interval.high, test.estimate)
            XCTAssertGreaterThanOrEqual(interval.coverage, 0.99)
            XCTAssertEqual(interval.low > 0 || interval.high < 0, test.pValue < 0.01, "trial \(trial): p \(test.pValue), \(interval)")
        }
    }

    func testTooFewPairsCannotReachAlphaAndSayWhatTheyCover() throws {
        XCTAssertEqual(WilcoxonSignedRank.smallestCount(alpha: 0.01), 8)
        XCTAssertEqual(WilcoxonSignedRank.smallestCount(alpha: 0.05), 6)
        let seven = try XCTUnwrap(WilcoxonSignedRank(differences: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]))
        XCTAssertEqual(seven.pValue, 2.0 / 128, accuracy: 1e-15)
        let interval = seven.interval(alpha: 0.01)
        XCTAssertEqual(interval.low, 0.1)
        XCTAssertEqual(interval.high, 0.7)
        XCTAssertEqual(interval.coverage, 1 - 2.0 / 128, accuracy: 1e-15)
    }

    func testNothingToRank() {
        XCTAssertNil(WilcoxonSignedRank(differences: []))
        XCTAssertNil(WilcoxonSignedRank(differences: [0, 0]))
        XCTAssertNil(WilcoxonSignedRank(differences: [0.1, .nan]))
    }

    /// One wild pair (a process that landed in a slow mode) barely moves the verdict's inputs, where
    /// it throws the t test off: 16 pairs near +10 % and one at −50 % give t's p = 0.33 (SciPy).
    func testOneWildPairMovesTheEstimateLittle() throws {
        let calm: [Double] = [0.09, 0.11, 0.10, 0.08, 0.12, 0.10, 0.09, 0.11, 0.10, 0.10, 0.12, 0.08, 0.11, 0.09, 0.10, 0.10]
        let wild = Array(calm.dropLast()) + [-0.7]
        let a = try XCTUnwrap(WilcoxonSignedRank(differences: calm))
        let b = try XCTUnwrap(WilcoxonSignedRank(differences: wild))
        XCTAssertEqual(a.estimate, 0.10, accuracy: 0.005)
        XCTAssertEqual(b.estimate, 0.10, accuracy: 0.01)
        XCTAssertLessThan(b.pValue, 0.01)
        let t = try XCTUnwrap(TTest(pairedDifferences: wild))
        XCTAssertGreaterThan(t.pValue, 0.3)
    }
}

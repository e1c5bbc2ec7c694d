import BenchStats
import Foundation
import XCTest

final class MannWhitneyUTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name: String
            var x: [Double]
            var y: [Double]
            var u: Double
            var p: Double
            var method: String
        }
        var scipy: String
        var cases: [Case]
    }

    func testAgreesWithSciPy() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("mannwhitney.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 12)
        for item in fixture.cases {
            let result = try XCTUnwrap(MannWhitneyU(item.x, item.y), item.name)
            XCTAssertEqual(result.u1, item.u, accuracy: 1e-9, item.name)
            XCTAssertEqual(result.u1 + result.u2, Double(item.x.count * item.y.count), item.name)
            XCTAssertEqual(result.method.rawValue, item.method, item.name)
            // Relative 1e-9 (the far tail included), absolute 1e-14 for values near 0.
            XCTAssertEqual(result.pValue, item.p, accuracy: max(1e-14, item.p * 1e-9), "\(item.name): \(result.pValue) vs SciPy \(item.p)")
        }
    }

    func testSymmetricInItsArguments() throws {
        let a: [Double] = [1, 4, 9, 12, 13, 20, 21, 30, 31, 33]
        let b: [Double] = [2, 5, 6, 7, 8, 10, 11, 15, 16, 17]
        let ab = try XCTUnwrap(MannWhitneyU(a, b))
        let ba = try XCTUnwrap(MannWhitneyU(b, a))
        XCTAssertEqual(ab.u1, ba.u2)
        XCTAssertEqual(ab.pValue, ba.pValue, accuracy: 1e-15)
        XCTAssertNil(MannWhitneyU([], [1]))
    }

    func testExactDistributionSumsToOne() {
        // Σ over every U of the exact null distribution is 1: P(U ≤ mn) = 1.
        for (m, n) in [(1, 1), (3, 5), (8, 8), (5, 40)] {
            XCTAssertEqual(MannWhitneyU.exactCumulativeProbability(m, n, upTo: m * n), 1, accuracy: 1e-12)
        }
        // P(U ≤ 0) = 1 / C(m + n, m).
        XCTAssertEqual(MannWhitneyU.exactCumulativeProbability(4, 4, upTo: 0), 1.0 / 70, accuracy: 1e-15)
    }
}

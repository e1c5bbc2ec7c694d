@testable import BenchStats
import XCTest

final class HodgesLehmannShiftTests: XCTestCase {
    /// Every difference, sorted: what the bisection must reproduce without storing them.
    func bruteForce(_ x: [Double], _ y: [Double]) -> [Double] {
        x.flatMap { a in y.map { $0 - a } }.sorted()
    }

    func testAgreesWithAllPairwiseDifferences() throws {
        var g = SeededGenerator(seed: 21)
        for (m, n) in [(1, 1), (3, 3), (5, 5), (4, 9), (10, 10), (30, 30), (17, 45)] {
            for round in 0..<5 {
                // Round 0 has many ties (values on a coarse grid), as integer nanoseconds can.
                let x = Synthetic.noisy(m, level: 100, noise: 0.05, &g).map { round == 0 ? $0.rounded() : $0 }
                let y = Synthetic.noisy(n, level: 104, noise: 0.05, &g).map { round == 0 ? $0.rounded() : $0 }
                let shift = try XCTUnwrap(HodgesLehmannShift(x, y, level: 0.99))
                let all = bruteForce(x, y)
                let k = HodgesLehmannShift.rank(m: m, n: n, level: 0.99).k
                let median = all.count % 2 == 1 ? all[all.count / 2] : (all[all.count / 2 - 1] + all[all.count / 2]) / 2
                XCTAssertEqual(shift.estimate, median, "\(m)×\(n)")
                XCTAssertEqual(shift.low, all[k - 1], "\(m)×\(n)")
                XCTAssertEqual(shift.high, all[all.count - k], "\(m)×\(n)")
            }
        }
    }

    /// The ranks R's wilcox.test(conf.int = TRUE) uses: 5 against 5 at 95 % is [D₍₃₎, D₍₂₃₎] with
    /// achieved coverage 1 − 2·4/252; 3 against 3 cannot reach 99 % and falls back to the range.
    func testRanksFromTheExactAndTheNormalDistribution() {
        let five = HodgesLehmannShift.rank(m: 5, n: 5, level: 0.95)
        XCTAssertEqual(five.k, 3)
        XCTAssertEqual(five.coverage, 1 - 8.0 / 252, accuracy: 1e-12)
        let three = HodgesLehmannShift.rank(m: 3, n: 3, level: 0.99)
        XCTAssertEqual(three.k, 1)
        XCTAssertEqual(three.coverage, 0.9, accuracy: 1e-12)
        // 30 × 30 at 99 %: ⌊450 + ½ − 2.5758 · √(900 · 61 / 12)⌋ = 276.
        XCTAssertEqual(HodgesLehmannShift.rank(m: 30, n: 30, level: 0.99).k, 276)
        XCTAssertEqual(MathFunctions.normalQuantile(0.975), 1.959963984540054, accuracy: 1e-12)
        XCTAssertEqual(MathFunctions.normalQuantile(0.995), 2.5758293035489004, accuracy: 1e-12)
        XCTAssertEqual(MathFunctions.normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-9)
    }

    /// Same-distribution pairs: the 99 % interval of the relative change misses zero about 1 % of
    /// the time, and that agrees with Mann-Whitney at α = 0.01 (the interval inverts the test).
    func testIntervalCoversNoChangeAsOftenAsPromised() throws {
        var missed = 0
        var disagreements = 0
        let trials = 1_000
        for seed in 0..<trials {
            var g = SeededGenerator(seed: UInt64(4_000 + seed))
            let a = Synthetic.noisy(30, level: 1e6, noise: 0.05, &g)
            let b = Synthetic.noisy(30, level: 1e6, noise: 0.05, &g)
            let change = try XCTUnwrap(RelativeChange(baseline: a, current: b, level: 0.99))
            let excludesZero = change.low > 0 || change.high < 0
            if excludesZero { missed += 1 }
            if excludesZero != (try XCTUnwrap(MannWhitneyU(a, b)).pValue < 0.01) { disagreements += 1 }
        }
        print("[figures] 99 % interval of the change, 30 v 30 at 5 % noise, no change: misses 0 in \(missed)/\(trials); disagrees with Mann-Whitney in \(disagreements)")
        XCTAssertLessThanOrEqual(missed, 20)
        XCTAssertLessThanOrEqual(disagreements, 5)
    }

    func testRelativeChangeIsARatioAndSurvivesNonPositiveSamples() throws {
        let base: [Double] = [100, 101, 99, 100.5, 99.5, 100.2]
        let doubled = try XCTUnwrap(RelativeChange(baseline: base, current: base.map { $0 * 2 }, level: 0.95))
        XCTAssertTrue(doubled.logScale)
        XCTAssertEqual(doubled.estimate, 1, accuracy: 1e-9)
        XCTAssertLessThan(doubled.low, 1.02)
        let withZero = try XCTUnwrap(RelativeChange(baseline: base, current: base.map { $0 * 1.5 } + [0], level: 0.95))
        XCTAssertFalse(withZero.logScale)
        XCTAssertNil(RelativeChange(baseline: [], current: base, level: 0.95))
    }
}

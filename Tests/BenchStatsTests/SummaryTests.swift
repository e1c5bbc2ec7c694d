import BenchStats
import XCTest

final class SummaryTests: XCTestCase {
    func testDescriptiveStatisticsMatchNumPy() throws {
        // numpy: median 3.5, percentile(90) 5.5, percentile(99) 5.95, std(ddof=1) 1.8708
        let summary = try XCTUnwrap(Summary([6, 1, 5, 2, 4, 3]))
        XCTAssertEqual(summary.count, 6)
        XCTAssertEqual(summary.min, 1)
        XCTAssertEqual(summary.max, 6)
        XCTAssertEqual(summary.mean, 3.5)
        XCTAssertEqual(summary.median, 3.5)
        XCTAssertEqual(summary.p90, 5.5, accuracy: 1e-12)
        XCTAssertEqual(summary.p99, 5.95, accuracy: 1e-12)
        XCTAssertEqual(summary.standardDeviation, 1.8708286933869707, accuracy: 1e-12)
        XCTAssertEqual(summary.mad, 1.5)
        XCTAssertEqual(try XCTUnwrap(summary.coefficientOfVariation), 1.8708286933869707 / 3.5, accuracy: 1e-12)
        XCTAssertNil(Summary([]))
    }

    func testMedianIntervalUsesBinomialOrderStatistics() throws {
        // n = 10: P(B ≤ 1) = 11/1024 ≤ 2.5 % < P(B ≤ 2), so the 2nd and 9th values, coverage 1 − 22/1024.
        let ten = try XCTUnwrap(MedianConfidenceInterval(sorted: (1...10).map(Double.init)))
        XCTAssertEqual(ten.lowRank, 2)
        XCTAssertEqual(ten.highRank, 9)
        XCTAssertEqual(ten.low, 2)
        XCTAssertEqual(ten.high, 9)
        XCTAssertEqual(ten.coverage, 1 - 22.0 / 1024, accuracy: 1e-12)
        // n = 20: ranks 6 and 15 (scipy.stats.binom.ppf gives the same), coverage 0.9586.
        let twenty = try XCTUnwrap(MedianConfidenceInterval(sorted: (1...20).map(Double.init)))
        XCTAssertEqual(twenty.lowRank, 6)
        XCTAssertEqual(twenty.highRank, 15)
        XCTAssertEqual(twenty.coverage, 0.958610534667969, accuracy: 1e-9)
        // n = 100: ranks 40 and 61.
        let hundred = try XCTUnwrap(MedianConfidenceInterval(sorted: (1...100).map(Double.init)))
        XCTAssertEqual(hundred.lowRank, 40)
        XCTAssertEqual(hundred.highRank, 61)
        // Too few samples for 95 %: 2·(1/32) > 5 % at n = 5, but n = 6 works (2/64 ≤ 5 %).
        XCTAssertNil(MedianConfidenceInterval(sorted: [1, 2, 3, 4, 5]))
        XCTAssertNotNil(MedianConfidenceInterval(sorted: [1, 2, 3, 4, 5, 6]))
        // Large n must not underflow.
        let big = try XCTUnwrap(MedianConfidenceInterval(sorted: (1...100_000).map(Double.init)))
        XCTAssertEqual(Double(big.lowRank), 50_000 - 1.96 * 158.1, accuracy: 3)
    }

    func testMedianIntervalCoversTheTrueMedianAsOftenAsPromised() {
        var generator = SeededGenerator(seed: 7)
        var covered = 0
        for _ in 0..<2000 {
            let samples = Synthetic.noisy(25, level: 100, noise: 0.1, &generator).sorted()
            if let interval = MedianConfidenceInterval(sorted: samples), interval.low <= 100, 100 <= interval.high {
                covered += 1
            }
        }
        // Promised ≥ 95 % (exactly 95.7 % at n = 25); 2000 trials keep this within ±1.5 %.
        XCTAssertGreaterThan(covered, 1870)
    }

    func testSummaryOffersIntervalAtOtherLevels() throws {
        let summary = try XCTUnwrap(Summary((1...50).map(Double.init)))
        let ci95 = try XCTUnwrap(summary.medianConfidenceInterval())
        let ci99 = try XCTUnwrap(summary.medianConfidenceInterval(level: 0.99))
        XCTAssertLessThanOrEqual(ci99.low, ci95.low)
        XCTAssertGreaterThanOrEqual(ci99.high, ci95.high)
        XCTAssertEqual(ci95.low, summary.medianCI95?.low)
    }
}

import BenchStats
import XCTest

/// `Quantile.median` selects the middle ranks instead of sorting: it must give the very bits the
/// sorted interpolation gives, on every length, ties, runs of equal values, sorted and reversed
/// input, signed values, infinities and NaN.
final class MedianSelectionTests: XCTestCase {
    func testTheMedianIsTheSortedInterpolationBitForBit() {
        var generator = SeededGenerator(seed: 42)
        var cases: [[Double]] = [[1], [2, 1], [3, 1, 2], [5, 5, 5, 5], [1, 2, 2, 2, 3], [.infinity, 1, -.infinity], [3, .nan, 1]]
        for count in 1...64 {
            cases.append((0..<count).map { _ in Double.random(in: -1...1, using: &generator) })
            cases.append((0..<count).map { _ in Double(Int.random(in: 0...3, using: &generator)) })
            cases.append((0..<count).map(Double.init))
            cases.append((0..<count).reversed().map(Double.init))
        }
        for _ in 0..<200 {
            let count = Int.random(in: 65...3000, using: &generator)
            cases.append((0..<count).map { _ in exp(Double.random(in: -5...5, using: &generator)) })
        }
        for values in cases {
            let expected = Quantile.of(sorted: values.sorted(), 0.5)
            let found = Quantile.median(values)
            XCTAssertTrue(
                found?.bitPattern == expected.bitPattern || (found?.isNaN == true && expected.isNaN),
                "\(values.prefix(8)) (\(values.count) values): \(String(describing: found)) against \(expected)")
        }
        XCTAssertNil(Quantile.median([]))
    }
}

// Needs the detector's internal `segmentation`; `swift test -c release` builds without testability.
#if DEBUG
@testable import BenchStats
import XCTest

/// `ChangePointDetector.segment` compares only the starts `ChangePointEnvelope` keeps; it must find
/// exactly the segmentation of comparing every start at every point (below), on noise, steps,
/// flat, quantised, alternating and outlier-ridden series alike, and with every minimum segment
/// length; and on a steady series it must compare a few starts per point, not all of them.
final class ChangePointPruningTests: XCTestCase {
    func testTheSegmentationIsTheExhaustiveOne() {
        var generator = SeededGenerator(seed: 17)
        var checked = 0
        for seed in 0..<240 {
            let count = 8 + Int.random(in: 0..<420, using: &generator)
            let series = Self.series(shape: seed, count: count, &generator)
            let detector = ChangePointDetector(minimumSegmentLength: 1 + seed % 6)
            let logs = series.map { log($0) }
            let sigma = ChangePointDetector.robustNoise(logs)
            let penalty = 6 * sigma * sigma * log(Double(count))
            XCTAssertEqual(
                detector.segment(logs, penalty: penalty),
                Self.exhaustive(logs, penalty: penalty, minimum: detector.minimumSegmentLength), "seed \(seed)")
            checked += 1
        }
        XCTAssertEqual(checked, 240)
    }

    func testASteadySeriesComparesAFewStartsPerPoint() {
        var generator = SeededGenerator(seed: 3)
        let count = 3000
        let logs = Synthetic.noisy(count, level: 1000, noise: 0.03, &generator).map { log($0) }
        let sigma = ChangePointDetector.robustNoise(logs)
        let (boundaries, comparisons) = ChangePointDetector().segmentation(logs, penalty: 6 * sigma * sigma * log(Double(count)))
        XCTAssertEqual(boundaries, [])
        // Comparing every start would be about count²/2 = 4.5 million.
        XCTAssertLessThan(comparisons, 20 * count)
    }

    /// Noise of 0.1 % to 20 %, with steps every 37 to 2000 points or none, some series rounded to
    /// 0.05, some with every 13th value tripled, some flat, some alternating between two levels.
    private static func series(shape: Int, count: Int, _ generator: inout SeededGenerator) -> [Double] {
        let noise = [0.01, 0.03, 0.05, 0.001, 0.2][shape % 5]
        let stepEvery = [0, 0, 500, 100, 37, 2000][shape % 6]
        var level = 1.0
        return (0..<count).map { index in
            if stepEvery > 0, index > 0, index % stepEvery == 0 { level *= Double.random(in: 0.7...1.4, using: &generator) }
            var value = level * exp(noise * generator.nextNormal())
            if shape % 7 == 3 { value = (value * 20).rounded() / 20 }
            if shape % 11 == 5, index % 13 == 0 { value *= 3 }
            if shape % 13 == 6 { value = 5 }
            if shape % 17 == 8, index % 2 == 0 { value = 1 }
            return value
        }
    }

    /// Optimal partitioning written out plainly: every start compared at every point, the costs
    /// computed as the detector does, the oldest start kept among equals.
    private static func exhaustive(_ series: [Double], penalty: Double, minimum: Int) -> [Int] {
        let n = series.count
        guard n >= minimum else { return [] }
        let center = Quantile.median(series) ?? 0
        var sums = [Double](repeating: 0, count: n + 1)
        var squares = [Double](repeating: 0, count: n + 1)
        for i in 0..<n {
            let x = series[i] - center
            sums[i + 1] = sums[i] + x
            squares[i + 1] = squares[i] + x * x
        }
        func cost(_ from: Int, _ to: Int) -> Double {
            let sum = sums[to] - sums[from]
            return max(0, squares[to] - squares[from] - sum * sum / Double(to - from))
        }
        var best = [Double](repeating: .infinity, count: n + 1)
        var previous = [Int](repeating: 0, count: n + 1)
        best[0] = -penalty
        for end in minimum...n {
            var value = Double.infinity
            var argument = 0
            for start in 0...(end - minimum) where start == 0 || start >= minimum {
                let total = best[start] + cost(start, end) + penalty
                if total < value {
                    value = total
                    argument = start
                }
            }
            best[end] = value
            previous[end] = argument
        }
        var boundaries: [Int] = []
        var position = n
        while position > 0 {
            let start = previous[position]
            if start > 0 { boundaries.append(start) }
            position = start
        }
        return boundaries.reversed()
    }
}
#endif

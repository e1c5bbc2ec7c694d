// Needs the detector's internal `segment`; `swift test -c release` builds without testability.
#if DEBUG
@testable import BenchStats
import XCTest

/// `ChangePointDetector.segment` computes each candidate's cost once for the minimum and the
/// pruning both; it must find exactly the segmentation of PELT written out plainly (below), on
/// noise, steps, flat and quantised series alike.
final class ChangePointPruningTests: XCTestCase {
    func testTheSegmentationIsPlainPELTs() {
        var checked = 0
        for seed in 0..<150 {
            let count = 8 + seed % 5 * 97
            var series = Synthetic.stepSeries(count: count, at: count * 2 / 3, step: seed % 3 == 0 ? 0 : 0.08, noise: 0.03, seed: UInt64(seed))
            if seed % 7 == 0 { series = series.map { ($0 * 10).rounded() / 10 } }
            if seed % 11 == 0 { series = [Double](repeating: 5, count: count) }
            let detector = ChangePointDetector(minimumSegmentLength: 2 + seed % 4)
            let logs = series.map { log($0) }
            let sigma = ChangePointDetector.robustNoise(logs)
            let penalty = 6 * sigma * sigma * log(Double(count))
            XCTAssertEqual(detector.segment(logs, penalty: penalty), Self.plain(logs, penalty: penalty, minimum: detector.minimumSegmentLength), "seed \(seed)")
            checked += 1
        }
        XCTAssertEqual(checked, 150)
    }

    /// PELT as first written: the cost of each candidate computed for the minimum and again for the pruning.
    private static func plain(_ series: [Double], penalty: Double, minimum: Int) -> [Int] {
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
        var candidates: [Int] = []
        for end in minimum...n {
            let newest = end - minimum
            if newest == 0 || newest >= minimum { candidates.append(newest) }
            var value = Double.infinity
            var argument = 0
            for start in candidates {
                let total = best[start] + cost(start, end) + penalty
                if total < value {
                    value = total
                    argument = start
                }
            }
            best[end] = value
            previous[end] = argument
            candidates.removeAll { best[$0] + cost($0, end) > value }
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

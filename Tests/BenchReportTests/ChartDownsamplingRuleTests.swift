// Needs internal types; `swift test -c release` builds without testability, so debug only.
#if DEBUG
@testable import BenchReport
import BenchAnalysis
import Foundation
import XCTest

/// The rule itself: slots cover every run once and in order, stay within the budget even with
/// many steps and failures, keep what must be kept, and come out the same every time.
final class ChartDownsamplingRuleTests: XCTestCase {
    private func points(_ count: Int, failing: (Int) -> Bool) -> [TrendPoint] {
        (0..<count).map { index in
            let median: Double? = failing(index) ? nil : 1000 + Double((index * 7919) % 101)
            return TrendPoint(
                runIndex: index, runID: "r\(index)", date: Date(timeIntervalSince1970: Double(index)), commit: nil,
                medianNs: median, lowNs: median.map { $0 - 5 }, highNs: median.map { $0 + 5 },
                outcome: median == nil ? .failed : .ok)
        }
    }

    func testSlotsCoverEveryRunOnceWithinTheBudget() {
        let rule = ChartDownsampling()
        for (count, failEvery, stepEvery) in [(1001, 0, 0), (3000, 17, 97), (5000, 3, 11), (20_000, 0, 400)] {
            let series = points(count) { failEvery > 0 && $0 % failEvery == 1 }
            let steps = stepEvery > 0 ? Array(stride(from: stepEvery, to: count, by: stepEvery)) : []
            let slots = rule.slots(series, stepIndices: steps)
            XCTAssertLessThanOrEqual(slots.count, rule.maxPoints, "\(count) runs")
            XCTAssertEqual(slots.first?.first, 0)
            XCTAssertEqual(slots.last?.last, count - 1)
            for (a, b) in zip(slots, slots.dropFirst()) { XCTAssertEqual(b.first, a.last + 1, "contiguous, in run order") }
            XCTAssertEqual(slots, rule.slots(series, stepIndices: steps), "deterministic")

            let single = Set(slots.filter { !$0.isBucket }.map(\.first))
            XCTAssertTrue(Set(count - rule.newestRuns..<count).isSubset(of: single), "the newest runs are their own")
            for step in steps.suffix(rule.maxSteps) {
                XCTAssertTrue(single.contains(step) && single.contains(step - 1), "step at \(step)")
            }
            let failed = series.indices.filter { series[$0].medianNs == nil }
            for index in failed.suffix(rule.maxFailures) { XCTAssertTrue(single.contains(index), "failure at \(index)") }
            XCTAssertEqual(slots.reduce(0) { $0 + $1.failed }, failed.count, "every failure is counted somewhere")
        }
    }

    func testABucketKeepsItsEnvelope() {
        let series = points(2000) { _ in false }
        let slots = ChartDownsampling().slots(series, stepIndices: [])
        let bucket = try? XCTUnwrap(slots.first { $0.isBucket })
        guard let bucket else { return XCTFail("no bucket") }
        let medians = series[bucket.first...bucket.last].compactMap(\.medianNs)
        XCTAssertEqual(bucket.minNs, medians.min())
        XCTAssertEqual(bucket.maxNs, medians.max())
        XCTAssertEqual(bucket.failed, 0)
    }

    func testShortSeriesAreLeftAlone() {
        let series = points(1000) { $0 % 2 == 0 }
        XCTAssertEqual(ChartDownsampling().slots(series, stepIndices: []).count, 1000)
    }
}
#endif

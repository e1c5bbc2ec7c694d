import BenchAnalysis
import BenchStats
import XCTest

final class SampleStatisticsTests: XCTestCase {
    func testSampleStatisticsForTheRunner() throws {
        let stats = try XCTUnwrap(SampleStatistics.make(samplesNs: (1...20).map { Int64($0) * 1000 }, threshold: 0.05))
        XCTAssertEqual(stats.count, 20)
        XCTAssertEqual(stats.medianNs, 10_500)
        XCTAssertEqual(stats.ciLowNs, 6000)
        XCTAssertEqual(stats.ciHighNs, 15_000)
        XCTAssertEqual(stats.noisy, true, "the median of 1…20 µs is only known to ±43 %")
        XCTAssertNotNil(stats.madNs)
        XCTAssertNotNil(stats.p99Ns)
        XCTAssertNotNil(stats.cv)
        XCTAssertNil(SampleStatistics.make(samplesNs: [], threshold: 0.05))
        let tight = try XCTUnwrap(SampleStatistics.make(samplesNs: (0..<50).map { 1_000_000 + Int64($0) }, threshold: 0.05))
        XCTAssertEqual(tight.noisy, false)
    }
}

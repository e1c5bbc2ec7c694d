import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest

/// A history file may hold any value its types allow; the largest ones must render as text,
/// not trap in a sum or a conversion.
final class ExtremeValuesTests: XCTestCase {
    func testTheLargestValuesTheTypesHoldRenderWithoutTrapping() throws {
        var huge = Fixtures.ok("huge", medianNs: 1e18)
        huge.samplesNs = [Int64.max, Int64.max, 0]
        huge.targetNs = Int64.max
        huge.resources = Resources(
            maxRSSBytes: UInt64.max, peakMemoryGrowthBytes: UInt64.max, cpuUserUs: UInt64.max, cpuSystemUs: UInt64.max,
            totalMs: 1.7e308, overheadMs: 1.7e308, cgroupPeakBytes: UInt64.max)
        huge.stats = SampleStats(
            count: Int.max, minNs: 0, maxNs: 1.7e308, meanNs: 1.7e308, medianNs: 1.7e308, stddevNs: 1.7e308, cv: 1.7e308)
        let tiny = Fixtures.ok("huge", medianNs: 1)
        let runs = [Fixtures.run(0, [tiny]), Fixtures.run(1, [huge]), Fixtures.run(2, [tiny])]
        let comparison = Analyzer.compare(current: runs[2], baseline: runs[1], history: Array(runs.prefix(2)))
        let input = ReportInput(runs: runs.map { ReportRun(record: $0) }, comparison: comparison)
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let written = try ReportRenderer().write(input, to: output)
        XCTAssertTrue(written.contains { $0.lastPathComponent == "index.html" })
        XCTAssertEqual(huge.resources.cpuTotalUs, UInt64.max, "saturates instead of overflowing")
        XCTAssertFalse(try ReportRenderer().export(.text, input).isEmpty)
    }
}

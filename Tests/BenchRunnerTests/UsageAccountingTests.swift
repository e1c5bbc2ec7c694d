import BenchIsolation
import BenchModel
import XCTest

@testable import BenchRunner

/// What every child of one benchmark cost, added up over its batches.
final class UsageAccountingTests: XCTestCase {
    private func usage(wall: UInt64, rss: UInt64, user: UInt64) -> ChildUsage {
        ChildUsage(
            wallNs: wall, maxRSSBytes: rss, userUs: user, systemUs: 1, voluntaryContextSwitches: 2,
            involuntaryContextSwitches: 3, minorFaults: 4, majorFaults: 5)
    }

    func testSumsCountersAndKeepsTheLargestPeaks() {
        var accounting = UsageAccounting()
        accounting.add(BatchResult(
            iterations: [
                IterationReport(termination: .exited(0), usage: usage(wall: 100, rss: 3 << 20, user: 10)),
                IterationReport(termination: .exited(0), usage: usage(wall: 200, rss: 9 << 20, user: 20)),
            ],
            cgroupPeakBytes: 40 << 20))
        accounting.add(BatchResult(
            iterations: [
                IterationReport(termination: .signaled(SIGSEGV), usage: usage(wall: 50, rss: 5 << 20, user: 30)),
                IterationReport(termination: .spawnFailed(errno: ENOENT, message: "gone"), usage: nil),
            ],
            cgroupPeakBytes: 20 << 20))
        XCTAssertEqual(accounting.childWallNs, 350)
        XCTAssertEqual(accounting.resources(totalMs: 7), Resources(
            maxRSSBytes: 9 << 20, cpuUserUs: 60, cpuSystemUs: 3, totalMs: 7, voluntaryContextSwitches: 6,
            involuntaryContextSwitches: 9, minorFaults: 12, majorFaults: 15, cgroupPeakBytes: 40 << 20))
    }

    /// No child reported any usage (none could start): no figures at all rather than zeros.
    func testNothingMeasuredIsNoFigures() {
        var accounting = UsageAccounting()
        accounting.add(BatchResult(iterations: [IterationReport(termination: .spawnFailed(errno: ENOENT, message: "gone"), usage: nil)]))
        XCTAssertEqual(accounting.resources(totalMs: 3), Resources(totalMs: 3))
        XCTAssertEqual(UsageAccounting().resources(totalMs: 1), Resources(totalMs: 1))
    }
}

import BenchModel
import Foundation
import XCTest

final class RunRecordTests: XCTestCase {
    private func record(id: String, start: Double, preciseNs: Int64? = nil) -> RunRecord {
        var record = Samples.fullRecord
        record.id = id
        record.startedAt = Date(timeIntervalSince1970: start)
        record.startedAtUnixNs = preciseNs
        return record
    }

    func testStartUsesThePreciseTimeWithinTheNamedSecond() {
        XCTAssertEqual(record(id: "a", start: 100, preciseNs: 100_250_000_000).startNs, 100_250_000_000)
        XCTAssertEqual(record(id: "a", start: 100).startNs, 100_000_000_000)
    }

    func testAPreciseTimeOutsideTheNamedSecondIsIgnored() {
        // A hand-edited file cannot move its run to another time with the precise field.
        XCTAssertEqual(record(id: "a", start: 100, preciseNs: 101_000_000_000).startNs, 100_000_000_000)
        XCTAssertEqual(record(id: "a", start: 100, preciseNs: 99_999_999_999).startNs, 100_000_000_000)
    }

    func testStartsOutsideInt64NanosecondsSaturate() {
        XCTAssertEqual(record(id: "a", start: 1e10).startNs, Int64.max)
        XCTAssertEqual(record(id: "a", start: -1e10).startNs, Int64.min)
        XCTAssertEqual(record(id: "a", start: -1.5).startNs, -2_000_000_000)
    }

    func testOrderIsByStartThenID() {
        let early = record(id: "z", start: 100, preciseNs: 100_100_000_000)
        let late = record(id: "a", start: 100, preciseNs: 100_900_000_000)
        let oldFile = record(id: "m", start: 100)
        let twin = record(id: "b", start: 100, preciseNs: 100_900_000_000)
        let sorted = [twin, late, early, oldFile].sorted(by: RunRecord.startsBefore).map(\.id)
        XCTAssertEqual(sorted, ["m", "z", "a", "b"])
    }

    func testSelectionDecidesWhatTheRunSetOutToRun() {
        var run = Samples.fullRecord
        XCTAssertFalse(run.selected("noop"))
        XCTAssertTrue(run.selected("Profile Query (single)"))
        XCTAssertTrue(run.selected("never heard of it"))
        run.selection = nil
        XCTAssertTrue(run.selected("noop"))
    }

    func testBenchmarkLookupByName() {
        let run = Samples.fullRecord
        XCTAssertEqual(run.benchmark(named: "noop")?.kind, .swift)
        XCTAssertNil(run.benchmark(named: "NOOP"))
    }

    func testGitShortCommitAndMachineFingerprint() {
        XCTAssertEqual(Samples.fullRecord.git?.shortCommit, "9f1704d")
        XCTAssertNil(GitInfo(commit: nil, branch: "main", dirty: nil).shortCommit)
        var other = Samples.machine
        other.hostname = "another-runner"
        XCTAssertEqual(other.fingerprint, Samples.machine.fingerprint, "the hostname does not change what is measured")
        other.cores = 4
        XCTAssertNotEqual(other.fingerprint, Samples.machine.fingerprint)
        other.swiftVersion = nil
        XCTAssertTrue(other.fingerprint.hasSuffix("|?"))
    }
}

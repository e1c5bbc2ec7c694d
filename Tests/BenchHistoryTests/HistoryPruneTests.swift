import BenchHistory
import BenchModel
import XCTest

final class HistoryPruneTests: XCTestCase {
    /// Five runs one day apart, 1 to 5 January, written out of order, plus a corrupt file.
    private func history() throws -> (HistoryStore, [String: URL]) {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        var urls: [String: URL] = [:]
        for day in [3, 1, 5, 2, 4] {
            urls["r\(day)"] = try store.write(makeRun(id: "r\(day)", startedAt: date("2026-01-0\(day)T12:00:00Z")))
        }
        try Data("junk".utf8).write(to: folder.appendingPathComponent("00000000T000000Z-junk.json"))
        return (store, urls)
    }

    private func ids(_ store: HistoryStore) -> [String] { store.load().runs.map(\.record.id) }

    func testKeepLastDeletesTheOldest() throws {
        let (store, urls) = try history()
        let deleted = try store.prune(keepLast: 2, before: nil, dryRun: false).deleted
        XCTAssertEqual(deleted, [urls["r1"], urls["r2"], urls["r3"]].compactMap { $0 })
        XCTAssertEqual(ids(store), ["r4", "r5"])
        XCTAssertEqual(store.load().warnings.count, 1, "a file that is not a run is never pruned")
    }

    func testBeforeDeletesOlderRuns() throws {
        let (store, _) = try history()
        let deleted = try store.prune(keepLast: nil, before: date("2026-01-03T12:00:00Z"), dryRun: false).deleted
        XCTAssertEqual(deleted.count, 2)
        XCTAssertEqual(ids(store), ["r3", "r4", "r5"])
    }

    func testBothLimitsDeleteOnlyWhatBothAllow() throws {
        let (store, _) = try history()
        // keepLast 4 alone would delete r1; before 3 Jan alone r1 and r2; together only r1.
        let deleted = try store.prune(keepLast: 4, before: date("2026-01-03T00:00:00Z"), dryRun: false).deleted
        XCTAssertEqual(deleted.map(\.lastPathComponent), ["20260101T120000Z-r1.json"])
        XCTAssertEqual(ids(store), ["r2", "r3", "r4", "r5"])
    }

    func testDryRunDeletesNothing() throws {
        let (store, _) = try history()
        let listed = try store.prune(keepLast: 0, before: nil, dryRun: true).deleted
        XCTAssertEqual(listed.count, 5)
        XCTAssertEqual(ids(store), ["r1", "r2", "r3", "r4", "r5"])
        XCTAssertEqual(try store.prune(keepLast: 10, before: nil, dryRun: true).deleted, [])
    }

    func testPruneNeedsAValidLimit() throws {
        let (store, _) = try history()
        XCTAssertThrowsError(try store.prune(keepLast: nil, before: nil, dryRun: false)) {
            XCTAssertEqual(
                "\($0)", "say which runs to delete: keep the last N runs, delete those before a date, or both")
        }
        XCTAssertThrowsError(try store.prune(keepLast: -1, before: nil, dryRun: false))
        XCTAssertEqual(ids(store).count, 5)
    }

    func testPruningAMissingFolderDeletesNothing() throws {
        let store = HistoryStore(directory: try temporaryFolder(self).appendingPathComponent("none"))
        XCTAssertEqual(try store.prune(keepLast: 1, before: nil, dryRun: false).deleted, [])
    }
}

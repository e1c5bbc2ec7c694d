import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// The report cache: a warm load decodes only what is new, gives the runs a full decode gives,
/// and every change to the history, the tool or the cache itself is noticed.
final class HistoryCacheTests: XCTestCase {
    private struct Fixture {
        var history: URL
        var store: HistoryStore
        var cache: HistoryCache
    }

    private func fixture(runs: Int) throws -> Fixture {
        let root = try temporaryFolder(self)
        let history = root.appendingPathComponent("history", isDirectory: true)
        let store = HistoryStore(directory: history)
        let start = date("2026-01-01T00:00:00Z")
        for index in 0..<runs {
            _ = try store.write(makeRun(id: "run-\(index)", startedAt: start.addingTimeInterval(Double(index) * 3600)))
        }
        return Fixture(history: history, store: store, cache: HistoryCache(directory: root.appendingPathComponent("cache"), version: "1.0.0"))
    }

    private func assertSameRuns(_ cached: HistoryLoad, _ plain: HistoryLoad, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(cached.runs.map(\.record), plain.runs.map(\.record), file: file, line: line)
        XCTAssertEqual(cached.runs.map(\.url), plain.runs.map(\.url), file: file, line: line)
        XCTAssertEqual(cached.warnings.map(\.description), plain.warnings.map(\.description), file: file, line: line)
    }

    func testAWarmLoadDecodesOnlyTheNewFileAndGivesTheSameRuns() throws {
        let f = try fixture(runs: 30)
        let cold = f.store.load(cache: f.cache)
        XCTAssertEqual(cold.cache?.decodedFiles, 30)
        XCTAssertEqual(cold.cache?.reusedFiles, 0)
        XCTAssertEqual(cold.cache?.written, true)
        assertSameRuns(cold, f.store.load())

        let unchanged = f.store.load(cache: f.cache)
        XCTAssertEqual(unchanged.cache?.decodedFiles, 0)
        XCTAssertEqual(unchanged.cache?.reusedFiles, 30)
        XCTAssertEqual(unchanged.cache?.written, false, "nothing changed, so nothing is written")
        assertSameRuns(unchanged, f.store.load())

        _ = try f.store.write(makeRun(id: "run-new", startedAt: date("2026-03-01T00:00:00Z")))
        let warm = f.store.load(cache: f.cache)
        XCTAssertEqual(warm.cache?.decodedFiles, 1)
        XCTAssertEqual(warm.cache?.reusedFiles, 30)
        XCTAssertNil(warm.cache?.warning)
        assertSameRuns(warm, f.store.load())
        XCTAssertEqual(warm.runs.last?.record.id, "run-new")
    }

    func testADeferringLoadLeavesCachedResultsUndecodedUntilAsked() throws {
        let f = try fixture(runs: 12)
        _ = f.store.load(cache: f.cache)
        _ = try f.store.write(makeRun(id: "run-new", startedAt: date("2026-03-01T00:00:00Z")))
        let plain = f.store.load()
        var warm = f.store.load(cache: f.cache, deferringResults: true)
        XCTAssertEqual(warm.cache?.decodedFiles, 1)
        // Every run comes as digests: the cached ones, and the new one as the cache now holds it.
        XCTAssertEqual(warm.runs.map(\.isComplete), Array(repeating: false, count: 13))
        XCTAssertTrue(warm.runs.allSatisfy { $0.record.benchmarks.isEmpty })
        XCTAssertEqual(warm.runs.map(\.digests), plain.runs.map { $0.record.benchmarks.map(ResultDigest.init) })
        XCTAssertEqual(warm.runs.map(\.fingerprint), f.store.load(cache: f.cache).runs.map(\.fingerprint))
        for index in warm.runs.indices { XCTAssertTrue(warm.runs[index].complete()) }
        assertSameRuns(warm, plain)
    }

    func testAPrunedFileLeavesTheCache() throws {
        let f = try fixture(runs: 10)
        _ = f.store.load(cache: f.cache)
        let removed = try XCTUnwrap(f.store.load().runs.first?.url)
        try FileManager.default.removeItem(at: removed)
        let load = f.store.load(cache: f.cache)
        XCTAssertEqual(load.runs.count, 9)
        XCTAssertFalse(load.runs.contains { $0.record.id == "run-0" })
        XCTAssertEqual(load.cache?.decodedFiles, 0)
        XCTAssertEqual(load.cache?.written, true, "the removed file's entry is dropped")
        assertSameRuns(load, f.store.load())
        // Put back with other contents under the same name: decoded, not taken from the cache.
        var edited = makeRun(id: "run-0", startedAt: date("2026-01-01T00:00:00Z"))
        edited.title = "edited"
        try RunRecordCoding.encoder().encode(edited).write(to: removed)
        let again = f.store.load(cache: f.cache)
        XCTAssertEqual(again.cache?.decodedFiles, 1)
        XCTAssertEqual(again.runs.first?.record.title, "edited")
    }

    func testAFileRewrittenInPlaceIsDecodedAgain() throws {
        let f = try fixture(runs: 3)
        _ = f.store.load(cache: f.cache)
        let url = try XCTUnwrap(f.store.load().runs.last?.url)
        var run = try f.store.loadRun(at: url)
        run.title = "BENCHBOARD"  // the same size: only the time and the bytes tell
        try RunRecordCoding.encoder().encode(run).write(to: url)
        let load = f.store.load(cache: f.cache)
        XCTAssertEqual(load.cache?.decodedFiles, 1)
        XCTAssertEqual(load.runs.last?.record.title, "BENCHBOARD")
    }

    func testACopiedHistoryIsRecognisedByItsBytes() throws {
        // A CI job restores the cache into a fresh checkout: every file has a new inode and time.
        let f = try fixture(runs: 12)
        _ = f.store.load(cache: f.cache)
        let copy = f.history.deletingLastPathComponent().appendingPathComponent("checkout", isDirectory: true)
        try FileManager.default.copyItem(at: f.history, to: copy)
        let copied = HistoryStore(directory: copy)
        let load = copied.load(cache: f.cache)
        XCTAssertEqual(load.cache?.decodedFiles, 0)
        XCTAssertEqual(load.cache?.reusedFiles, 12)
        XCTAssertEqual(load.cache?.written, true, "the new identities are recorded")
        assertSameRuns(load, copied.load())
        XCTAssertEqual(copied.load(cache: f.cache).cache?.written, false)
    }

    func testAnotherVersionOrFileLimitRebuildsTheCache() throws {
        let f = try fixture(runs: 5)
        _ = f.store.load(cache: f.cache)
        let newer = HistoryCache(directory: f.cache.directory, version: "1.0.1")
        let load = f.store.load(cache: newer)
        XCTAssertEqual(load.cache?.decodedFiles, 5)
        XCTAssertNil(load.cache?.warning, "another version's cache is replaced quietly")
        XCTAssertEqual(f.store.load(cache: newer).cache?.decodedFiles, 0)

        let limited = HistoryStore(directory: f.history, maxFileBytes: 1 << 20)
        XCTAssertEqual(limited.load(cache: newer).cache?.decodedFiles, 5)
        // A file over the limit is skipped with the reader's warning, not served from the cache.
        let tiny = HistoryStore(directory: f.history, maxFileBytes: 100)
        let skipped = tiny.load(cache: newer)
        XCTAssertEqual(skipped.runs.count, 0)
        XCTAssertEqual(skipped.warnings.count, 5)
    }

    func testADamagedOrTruncatedCacheIsIgnoredWithOneWarningAndRebuilt() throws {
        let f = try fixture(runs: 8)
        _ = f.store.load(cache: f.cache)
        let bytes = try Data(contentsOf: f.cache.file)
        var damaged = bytes
        damaged[bytes.count / 2] ^= 0x55
        for broken in [damaged, bytes.prefix(bytes.count / 3), Data("not a cache".utf8), Data()] {
            try broken.write(to: f.cache.file)
            let load = f.store.load(cache: f.cache)
            XCTAssertEqual(load.cache?.decodedFiles, 8)
            XCTAssertNotNil(load.cache?.warning, "\(broken.count) bytes")
            XCTAssertEqual(load.cache?.written, true)
            assertSameRuns(load, f.store.load())
            let next = f.store.load(cache: f.cache)
            XCTAssertNil(next.cache?.warning)
            XCTAssertEqual(next.cache?.decodedFiles, 0, "rebuilt")
        }
    }

    func testDeletingTheCacheIsSafe() throws {
        let f = try fixture(runs: 6)
        _ = f.store.load(cache: f.cache)
        try FileManager.default.removeItem(at: f.cache.directory)
        let load = f.store.load(cache: f.cache)
        XCTAssertNil(load.cache?.warning)
        XCTAssertEqual(load.cache?.decodedFiles, 6)
        assertSameRuns(load, f.store.load())
    }

    func testASkippedFileIsReadEachTimeButDoesNotRewriteTheCache() throws {
        let f = try fixture(runs: 4)
        try Data("{\"schema\": \"benchboard.run/1\", \"id\": ".utf8).write(to: f.history.appendingPathComponent("zz-broken.json"))
        let first = f.store.load(cache: f.cache)
        assertSameRuns(first, f.store.load())
        XCTAssertEqual(first.warnings.count, 1)
        let second = f.store.load(cache: f.cache)
        XCTAssertEqual(second.warnings.map(\.description), first.warnings.map(\.description))
        XCTAssertEqual(second.cache?.decodedFiles, 1)
        XCTAssertEqual(second.cache?.written, false)
    }

    func testTheDefaultFolderIsNeverInsideTheReportFolder() {
        let output = URL(fileURLWithPath: "/work/site/output")
        XCTAssertEqual(
            HistoryCache.defaultDirectory(history: output.appendingPathComponent("history"), output: output).path,
            "/work/site/.benchboard-cache")
        XCTAssertEqual(
            HistoryCache.defaultDirectory(history: output.appendingPathComponent("data/history"), output: output).path,
            "/work/site/.benchboard-cache")
        XCTAssertEqual(
            HistoryCache.defaultDirectory(history: URL(fileURLWithPath: "/work/data/history"), output: output).path,
            "/work/data/.benchboard-cache")
    }
}

import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// After a new run the cache writes only what was added (`runs.new.bin`), not `runs.bin` again;
/// anything else (a removed file, a damaged additions file, a large pile of additions) writes
/// `runs.bin` anew. Every load gives the runs a load without the cache gives.
final class HistoryCacheAdditionsTests: XCTestCase {
    private func fixture(runs: Int) throws -> (store: HistoryStore, cache: HistoryCache) {
        let root = try temporaryFolder(self)
        let store = HistoryStore(directory: root.appendingPathComponent("history", isDirectory: true))
        for index in 0..<runs {
            _ = try store.write(makeRun(id: "run-\(index)", startedAt: date("2026-01-01T00:00:00Z").addingTimeInterval(Double(index) * 3600)))
        }
        return (store, HistoryCache(directory: root.appendingPathComponent("cache"), version: "1.0.0"))
    }

    private func add(_ store: HistoryStore, _ index: Int) throws {
        _ = try store.write(makeRun(id: "new-\(index)", startedAt: date("2026-02-01T00:00:00Z").addingTimeInterval(Double(index) * 3600)))
    }

    private func assertSameRuns(_ cached: HistoryLoad, _ plain: HistoryLoad, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(cached.runs.map(\.record), plain.runs.map(\.record), file: file, line: line)
        XCTAssertEqual(cached.runs.map(\.url), plain.runs.map(\.url), file: file, line: line)
        XCTAssertEqual(cached.warnings.map(\.description), plain.warnings.map(\.description), file: file, line: line)
    }

    func testNewRunsGoIntoTheAdditionsAndRunsBinStaysAsItIs() throws {
        let (store, cache) = try fixture(runs: 40)
        _ = store.load(cache: cache)
        let base = try Data(contentsOf: cache.file)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.additionsFile.path))

        for index in 0..<2 {
            try add(store, index)
            let warm = store.load(cache: cache)
            XCTAssertEqual(warm.cache?.decodedFiles, 1, "only the new file")
            XCTAssertEqual(warm.cache?.written, true)
            XCTAssertEqual(try Data(contentsOf: cache.file), base, "runs.bin is not written again")
            XCTAssertTrue(FileManager.default.fileExists(atPath: cache.additionsFile.path))
            assertSameRuns(warm, store.load())
        }
        let again = store.load(cache: cache)
        XCTAssertEqual(again.cache?.decodedFiles, 0, "both new runs come from the additions")
        XCTAssertEqual(again.cache?.written, false)
        assertSameRuns(again, store.load())
    }

    func testARemovedFileOrManyAdditionsWriteRunsBinAnew() throws {
        let (store, cache) = try fixture(runs: 16)
        _ = store.load(cache: cache)
        try add(store, 0)
        _ = store.load(cache: cache)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.additionsFile.path))
        try FileManager.default.removeItem(at: try XCTUnwrap(store.load().runs.first?.url))
        let pruned = store.load(cache: cache)
        XCTAssertEqual(pruned.cache?.decodedFiles, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.additionsFile.path), "folded into runs.bin")
        assertSameRuns(pruned, store.load())

        // More than an eighth of runs.bin added: written as one file again.
        for index in 1...4 { try add(store, index) }
        let many = store.load(cache: cache)
        XCTAssertEqual(many.cache?.decodedFiles, 4)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.additionsFile.path))
        XCTAssertEqual(store.load(cache: cache).cache?.decodedFiles, 0)
    }

    func testADamagedAdditionsFileIsIgnoredWithOneWarningAndRebuilt() throws {
        let (store, cache) = try fixture(runs: 20)
        _ = store.load(cache: cache)
        try add(store, 0)
        _ = store.load(cache: cache)
        var bytes = try Data(contentsOf: cache.additionsFile)
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: cache.additionsFile)
        let damaged = store.load(cache: cache)
        XCTAssertNotNil(damaged.cache?.warning)
        assertSameRuns(damaged, store.load())
        let next = store.load(cache: cache)
        XCTAssertNil(next.cache?.warning)
        XCTAssertEqual(next.cache?.decodedFiles, 0)
        assertSameRuns(next, store.load())
    }
}

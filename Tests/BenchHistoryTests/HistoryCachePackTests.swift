import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// A pack is one entry of the report cache, like a run file: a warm load of a packed history
/// inflates no pack it has read before, and gives the runs a load without the cache gives.
final class HistoryCachePackTests: XCTestCase {
    /// 40 runs, one every day from January: `pack --keep 9` packs January (31 runs; the newest
    /// nine are all of February).
    private func packedHistory() throws -> (store: HistoryStore, cache: HistoryCache, packs: Int) {
        let root = try temporaryFolder(self)
        let store = HistoryStore(directory: root.appendingPathComponent("history", isDirectory: true))
        let start = date("2026-01-01T00:00:00Z")
        for index in 0..<40 {
            _ = try store.write(makeRun(id: "run-\(index)", startedAt: start.addingTimeInterval(Double(index) * 86_400)))
        }
        _ = try store.pack(keep: 9, dryRun: false)
        let packs = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter { $0.hasPrefix("pack-") }
        XCTAssertEqual(packs.count, 1, "January is packed")
        return (store, HistoryCache(directory: root.appendingPathComponent("cache"), version: "1.0.0"), packs.count)
    }

    private func assertSameRuns(_ cached: HistoryLoad, _ plain: HistoryLoad, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(cached.runs.map(\.record), plain.runs.map(\.record), file: file, line: line)
        XCTAssertEqual(cached.runs.map(\.url), plain.runs.map(\.url), file: file, line: line)
        XCTAssertEqual(cached.runs.map(\.member), plain.runs.map(\.member), file: file, line: line)
        XCTAssertEqual(cached.warnings.map(\.description), plain.warnings.map(\.description), file: file, line: line)
    }

    func testAWarmLoadOfAPackedHistoryReadsOnlyTheNewFile() throws {
        let (store, cache, packs) = try packedHistory()
        let plain = store.load()
        XCTAssertEqual(plain.runs.count, 40)
        XCTAssertEqual(plain.runs.filter { $0.member != nil }.count, 31)

        let cold = store.load(cache: cache)
        XCTAssertEqual(cold.cache?.decodedFiles, packs + 9, "the pack and the nine run files left")
        assertSameRuns(cold, plain)

        _ = try store.write(makeRun(id: "run-new", startedAt: date("2026-02-20T00:00:00Z")))
        let warm = store.load(cache: cache)
        XCTAssertEqual(warm.cache?.decodedFiles, 1, "only the new run file; the pack comes from the cache")
        XCTAssertEqual(warm.cache?.reusedFiles, packs + 9)
        assertSameRuns(warm, store.load())
        XCTAssertEqual(warm.runs.last?.record.id, "run-new")
    }

    func testEveryRunHasAFingerprintThroughTheCacheAndEqualRunsKeepIt() throws {
        let (store, cache, _) = try packedHistory()
        XCTAssertTrue(store.load().runs.allSatisfy { $0.fingerprint == nil }, "no fingerprints without the cache")
        let cold = store.load(cache: cache)
        let fingerprints = cold.runs.compactMap(\.fingerprint)
        XCTAssertEqual(fingerprints.count, 40)
        XCTAssertEqual(Set(fingerprints).count, 40, "each run of the pack has one of its own")
        XCTAssertEqual(store.load(cache: cache).runs.map(\.fingerprint), cold.runs.map(\.fingerprint))
    }
}

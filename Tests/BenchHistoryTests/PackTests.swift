@testable import BenchHistory
import BenchModel
import XCTest

/// Packs: the runs read back from a pack are the runs the files gave, packs are the same bytes
/// for the same runs, and damaged, late or doubled runs are handled without losing one.
final class PackTests: XCTestCase {
    /// A run with three processes (schema /2 figures), or a /1 file's run.
    private func run(_ id: String, _ iso: String, schema: String = HistorySchema.current) -> RunRecord {
        var run = makeRun(id: id, startedAt: date(iso), benchmarks: 3, samples: 6)
        run.schema = schema
        if schema == HistorySchema.current {
            run.benchmarks[0].processes = [
                ProcessRecord(round: 1, samples: 2, outcome: .ok, maxRSSBytes: 9_000_000, cpuUserUs: 1200, wallMs: 3.5),
                ProcessRecord(round: 2, samples: 2, outcome: .ok, wallMs: 3.25),
                ProcessRecord(round: 3, samples: 2, outcome: .ok, wallMs: 3.0),
            ]
        }
        return run
    }

    /// January (a /1 file among them) and February runs, and one in March: January and
    /// February are over, March is the newest month.
    private func history(_ folder: URL) throws -> HistoryStore {
        let store = HistoryStore(directory: folder)
        _ = try store.write(run("j1", "2026-01-03T10:00:00Z", schema: "benchboard.run/1"))
        _ = try store.write(run("j2", "2026-01-20T10:00:00.250Z"))
        _ = try store.write(run("j3", "2026-01-20T10:00:00.250Z"))
        _ = try store.write(run("f1", "2026-02-01T00:00:00Z"))
        _ = try store.write(run("f2", "2026-02-28T23:59:59Z"))
        _ = try store.write(run("m1", "2026-03-01T00:00:00Z"))
        return store
    }

    private func packs(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pack-") }.sorted()
    }

    private func looseNames(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    func testPackedRunsLoadEqualToTheirFilesForBothSchemas() throws {
        let folder = try temporaryFolder(self)
        let store = try history(folder)
        let before = store.load()
        XCTAssertEqual(before.warnings, [])
        let outcome = try store.pack(keep: 0, dryRun: false)
        XCTAssertEqual(outcome.packs.map(\.url.lastPathComponent), ["pack-2026-01-1.jsonl.gz", "pack-2026-02-1.jsonl.gz"])
        XCTAssertEqual(outcome.removed.count, 5)
        XCTAssertEqual(try looseNames(folder), [HistoryStore.fileName(for: run("m1", "2026-03-01T00:00:00Z"))])
        let after = store.load()
        XCTAssertEqual(after.warnings, [])
        XCTAssertEqual(after.runs.map(\.record), before.runs.map(\.record), "the same runs, migrated /1 included, in the same order")
        XCTAssertEqual(after.runs.map(\.name), before.runs.map(\.name), "a packed run keeps its file's name")
        XCTAssertEqual(after.runs[0].record.schema, HistorySchema.current)
        XCTAssertEqual(after.runs[1].record.benchmarks[0].processes?.count, 3, "per-process figures survive")
        XCTAssertEqual(after.runs[1].url.lastPathComponent, "pack-2026-01-1.jsonl.gz")
        XCTAssertEqual(try store.pack(keep: 0, dryRun: false).packs.count, 0, "a second pack finds nothing to do")
        // A packed line takes the fast decoder's path, as a run file does.
        let line = try PackFile.encoder().encode(after.runs[1].record)
        XCTAssertEqual(RunRecordFastDecoder.decode(line), after.runs[1].record)
    }

    func testTheSameRunsGiveTheSameBytes() throws {
        let first = try temporaryFolder(self)
        let second = try temporaryFolder(self)
        _ = try history(first).pack(keep: 0, dryRun: false)
        _ = try history(second).pack(keep: 0, dryRun: false)
        for name in try packs(first) {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            XCTAssertEqual(a, b, name)
            // A gzip header with no time and the "unknown" OS: the same on every platform.
            XCTAssertEqual(Array(a.prefix(10)), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255], name)
        }
        XCTAssertEqual(try packs(first), try packs(second))
    }

    func testKeepAndTheOpenMonthStayLoose() throws {
        let folder = try temporaryFolder(self)
        let store = try history(folder)
        // The newest three runs are f1, f2, m1: February is kept whole, January is packed.
        let dry = try store.pack(keep: 3, dryRun: true)
        XCTAssertEqual(dry.packs.map(\.period), ["2026-01"])
        XCTAssertEqual(try packs(folder), [], "a dry run writes nothing")
        XCTAssertEqual(try looseNames(folder).count, 6)
        let outcome = try store.pack(keep: 3, dryRun: false)
        XCTAssertEqual(outcome.packs.map(\.runs), [3])
        XCTAssertEqual(outcome.keptLoose, 3)
        XCTAssertEqual(try looseNames(folder).count, 3)
    }

    func testALateRunGoesIntoTheNextPartAndTheFirstIsNeverRewritten() throws {
        let folder = try temporaryFolder(self)
        let store = try history(folder)
        _ = try store.pack(keep: 0, dryRun: false)
        let firstPack = folder.appendingPathComponent("pack-2026-01-1.jsonl.gz")
        let bytes = try Data(contentsOf: firstPack)
        _ = try store.write(run("late", "2026-01-25T08:00:00Z"))
        XCTAssertEqual(store.load().runs.map(\.record.id), ["j1", "j2", "j3", "late", "f1", "f2", "m1"], "a late run is read, loose")
        let outcome = try store.pack(keep: 0, dryRun: false)
        XCTAssertEqual(outcome.packs.map(\.url.lastPathComponent), ["pack-2026-01-2.jsonl.gz"])
        XCTAssertEqual(try Data(contentsOf: firstPack), bytes)
        XCTAssertEqual(store.load().runs.map(\.record.id), ["j1", "j2", "j3", "late", "f1", "f2", "m1"])
    }

    func testARunBothLooseAndPackedIsReadOnceAndTheNextPackRemovesTheFile() throws {
        let folder = try temporaryFolder(self)
        let store = try history(folder)
        let j2 = try XCTUnwrap(store.load().runs.first { $0.record.id == "j2" })
        let copy = try Data(contentsOf: j2.url)
        _ = try store.pack(keep: 0, dryRun: false)
        // What a pack stopped between writing its pack and removing the files leaves.
        try copy.write(to: j2.url)
        let loaded = store.load()
        XCTAssertEqual(loaded.runs.filter { $0.record.id == "j2" }.count, 1)
        XCTAssertEqual(loaded.warnings, [])
        XCTAssertEqual(loaded.packedLoose, [j2.url])
        let outcome = try store.pack(keep: 0, dryRun: false)
        XCTAssertEqual(outcome.packs.count, 0)
        XCTAssertEqual(outcome.removed, [j2.url])
        XCTAssertFalse(FileManager.default.fileExists(atPath: j2.url.path))
        XCTAssertEqual(store.load().runs.count, 6)
    }

    func testADamagedPackIsNamedItsNeighboursLoadAndNothingIsDeleted() throws {
        let folder = try temporaryFolder(self)
        let store = try history(folder)
        _ = try store.pack(keep: 0, dryRun: false)
        let damaged = folder.appendingPathComponent("pack-2026-01-1.jsonl.gz")
        let bytes = try Data(contentsOf: damaged)
        try bytes.prefix(bytes.count - 20).write(to: damaged)
        let loaded = store.load()
        XCTAssertEqual(loaded.runs.map(\.record.id), ["f1", "f2", "m1"])
        XCTAssertEqual(loaded.warnings.map(\.url.lastPathComponent), ["pack-2026-01-1.jsonl.gz"])
        XCTAssertTrue(loaded.warnings[0].description.contains("a damaged pack"), loaded.warnings[0].description)
        // Another byte flipped in the middle: the CRC or the stream says so.
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x55
        try flipped.write(to: damaged)
        XCTAssertEqual(store.load().warnings.map(\.url.lastPathComponent), ["pack-2026-01-1.jsonl.gz"])
        // A late January run then goes into part 2, never over the damaged part 1.
        _ = try store.write(run("late", "2026-01-25T08:00:00Z"))
        XCTAssertEqual(try store.pack(keep: 0, dryRun: false).packs.map(\.part), [2])
        let pruned = try store.prune(keepLast: 0, before: nil, dryRun: false).deleted.map(\.lastPathComponent)
        XCTAssertEqual(pruned.count, 3, "\(pruned)")
        XCTAssertFalse(pruned.contains("pack-2026-01-1.jsonl.gz"))
        XCTAssertEqual(try Data(contentsOf: damaged), flipped, "a damaged pack is never deleted or rewritten")
    }

    func testAPackThatInflatesPastItsLimitIsRefused() throws {
        let plain = Data(repeating: UInt8(ascii: " "), count: 4 << 20)
        let bomb = try PackCompression.gzip(plain)
        XCTAssertThrowsError(try PackCompression.gunzip(bomb, limit: 1 << 20))
        XCTAssertEqual(try PackCompression.gunzip(bomb, limit: 8 << 20), plain)
    }

    func testPacksSplitIntoPartsUnderTheFileLimit() throws {
        let folder = try temporaryFolder(self)
        let limit: Int64 = 24 * 1024
        let store = HistoryStore(directory: folder, maxFileBytes: limit)
        for day in 1...20 {
            var big = makeRun(id: "r\(day)", startedAt: date(String(format: "2026-01-%02dT10:00:00Z", day)), benchmarks: 2, samples: 200)
            for index in big.benchmarks.indices {
                big.benchmarks[index].samplesNs = (0..<200).map { Int64((day * 7919 + $0 * 104_729 + index) % 1_000_003) }
            }
            _ = try store.write(big)
        }
        _ = try store.write(makeRun(id: "feb", startedAt: date("2026-02-01T00:00:00Z")))
        let before = store.load()
        let outcome = try store.pack(keep: 0, dryRun: false)
        XCTAssertGreaterThan(outcome.packs.count, 1)
        XCTAssertEqual(outcome.packs.map(\.part), Array(1...outcome.packs.count))
        for pack in outcome.packs { XCTAssertLessThan(pack.bytes, limit, pack.url.lastPathComponent) }
        XCTAssertEqual(store.load().runs.map(\.record), before.runs.map(\.record))
    }

    func testPruneDeletesWholePacksAndKeepsOnesWithRunsToKeep() throws {
        let folder = try temporaryFolder(self)
        let store = try history(folder)
        _ = try store.pack(keep: 0, dryRun: false)
        // Before 10 February: all of January, and f1 of February's pack.
        let outcome = try store.prune(keepLast: nil, before: date("2026-02-10T00:00:00Z"), dryRun: false)
        XCTAssertEqual(outcome.deleted.map(\.lastPathComponent), ["pack-2026-01-1.jsonl.gz"])
        XCTAssertEqual(outcome.keptPacks.map(\.url.lastPathComponent), ["pack-2026-02-1.jsonl.gz"])
        XCTAssertEqual(outcome.keptPacks.map(\.runs), [1])
        XCTAssertEqual(store.load().runs.map(\.record.id), ["f1", "f2", "m1"])
    }

    func testPackNamesParseBackAndNothingElseIsAPack() {
        XCTAssertEqual(PackFile.parse(name: "pack-2026-01-12.jsonl.gz")?.part, 12)
        for name in ["pack-2026-13-1.jsonl.gz", "pack-2026-01-0.jsonl.gz", "pack-2026-01-01.jsonl.gz", "pack-26-01-1.jsonl.gz", "x.json"] {
            XCTAssertNil(PackFile.parse(name: name), name)
        }
        XCTAssertEqual(PackFile.period(of: run("x", "2026-12-31T23:59:59Z")), "2026-12")
    }
}

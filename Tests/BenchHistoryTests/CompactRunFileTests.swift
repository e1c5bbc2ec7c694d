@testable import BenchHistory
import BenchModel
import XCTest

/// Run files are written compact (sorted keys, no whitespace); files pretty-printed by earlier
/// versions still read, through the fast decoder too, and pack to the same line as a compact one.
final class CompactRunFileTests: XCTestCase {
    private func pretty(_ run: RunRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(run)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    func testARunFileIsOneCompactLineAndTheSameRunGivesTheSameBytes() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        let run = makeRun(id: "c0ffee01", startedAt: date("2026-03-02T10:00:00Z"), benchmarks: 3, samples: 20)
        let first = try Data(contentsOf: try store.add(run))
        var expected = try RunRecordCoding.encoder().encode(run)
        expected.append(UInt8(ascii: "\n"))
        XCTAssertEqual(first, expected)
        XCTAssertEqual(first.filter { $0 == UInt8(ascii: "\n") }.count, 1, "one line, ended by a line break")
        XCTAssertLessThan(Double(first.count), 0.6 * Double(try pretty(run).count), "well under the pretty-printed size")
        // The same run written again (another folder) is the same bytes.
        let again = try Data(contentsOf: try HistoryStore(directory: try temporaryFolder(self)).add(run))
        XCTAssertEqual(again, first)
    }

    func testAPrettyPrintedFileOfAnEarlierVersionLoadsAsTheRunItHolds() throws {
        let folder = try temporaryFolder(self)
        let run = makeRun(id: "01dpre77", startedAt: date("2026-03-01T10:00:00Z"), benchmarks: 2, samples: 7)
        let old = folder.appendingPathComponent("20260301T100000Z-01dpre77.json")
        try pretty(run).write(to: old)
        let store = HistoryStore(directory: folder)
        let compact = try store.add(makeRun(id: "c0mpac7", startedAt: date("2026-03-01T11:00:00Z"), benchmarks: 2, samples: 7))

        XCTAssertEqual(RunRecordFastDecoder.decode(try Data(contentsOf: old)), run, "the fast path reads the old layout")
        let loaded = store.load()
        XCTAssertEqual(loaded.warnings.map(\.reason), [])
        XCTAssertEqual(loaded.runs.map(\.record.id), ["01dpre77", "c0mpac7"])
        XCTAssertEqual(loaded.runs.first?.record, run)
        XCTAssertEqual(try store.loadRun(at: old), run)
        XCTAssertEqual(loaded.runs.last?.url, compact)
    }

    func testAPackHoldsTheSameLineForAPrettyAndACompactFileOfOneRun() throws {
        let run = makeRun(id: "5ame7un", startedAt: date("2026-01-05T10:00:00Z"), benchmarks: 2, samples: 9)
        var packs: [Data] = []
        for layout in ["pretty", "compact"] {
            let folder = try temporaryFolder(self)
            let store = HistoryStore(directory: folder)
            if layout == "pretty" {
                try pretty(run).write(to: folder.appendingPathComponent(HistoryStore.fileName(for: run)))
            } else {
                _ = try store.add(run)
            }
            _ = try store.add(makeRun(id: "febru4ry", startedAt: date("2026-02-05T10:00:00Z")))
            _ = try store.pack(keep: 1, dryRun: false, now: date("2026-02-06T00:00:00Z"))
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pack-") }
            XCTAssertEqual(names, ["pack-2026-01-1.jsonl.gz"], layout)
            packs.append(try Data(contentsOf: folder.appendingPathComponent("pack-2026-01-1.jsonl.gz")))
        }
        XCTAssertEqual(packs[0], packs[1], "a pack is the same bytes whichever layout its run file had")
    }
}

@testable import BenchHistory
import BenchModel
import Foundation
import XCTest

/// History files are read, never trusted: what is not a regular file, too large, impossible or
/// dated in the future is skipped with one warning naming the file and the reason, and nothing
/// in the folder is deleted or rewritten.
final class HistoryTrustTests: XCTestCase {
    private func reasons(_ load: HistoryLoad) -> [String: String] {
        Dictionary(uniqueKeysWithValues: load.warnings.map { ($0.url.lastPathComponent, $0.reason) })
    }

    private func snapshot(_ folder: URL) throws -> [String: Data?] {
        var contents: [String: Data?] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            var info = stat()
            lstat(url.path, &info)
            contents[name] = info.st_mode & S_IFMT == S_IFREG ? try Data(contentsOf: url) : nil
        }
        return contents
    }

    func testFilesThatAreNotRegularFilesAreSkippedByKind() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        _ = try store.write(makeRun(id: "good", startedAt: date("2026-05-01T00:00:00Z")))
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("a-fifo.json").path, 0o644), 0)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("b-folder.json"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("c-zero.json").path, withDestinationPath: "/dev/zero")
        let before = try snapshot(folder)

        let loaded = store.load()
        XCTAssertEqual(loaded.runs.map(\.record.id), ["good"])
        let reasons = reasons(loaded)
        XCTAssertEqual(reasons["a-fifo.json"], "not a regular file but a named pipe (FIFO); only regular files are read")
        XCTAssertEqual(reasons["b-folder.json"], "not a regular file but a folder; only regular files are read")
        XCTAssertEqual(reasons["c-zero.json"], "not a regular file but a character device; only regular files are read")
        XCTAssertEqual(loaded.warnings.count, 3)
        XCTAssertEqual(try snapshot(folder), before, "nothing in the folder changed")
    }

    /// A sparse 300 MiB file takes no disk space; it must be refused from its size alone.
    func testAFileOverTheSizeCapIsSkippedUnread() throws {
        let folder = try temporaryFolder(self)
        let huge = folder.appendingPathComponent("huge.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: huge.path, contents: Data("{".utf8)))
        XCTAssertEqual(truncate(huge.path, 300 * 1_048_576), 0)
        let loaded = HistoryStore(directory: folder).load()
        XCTAssertEqual(
            reasons(loaded)["huge.json"],
            "300 MiB, over the 256 MiB limit for a run file ([history] max_file_mb); not read")

        // The cap is the store's: a small one skips an ordinary run, which loads without it.
        let small = try temporaryFolder(self)
        _ = try HistoryStore(directory: small).write(makeRun(id: "r", startedAt: date("2026-05-01T00:00:00Z")))
        XCTAssertEqual(HistoryStore(directory: small).load().runs.count, 1)
        let capped = HistoryStore(directory: small, maxFileBytes: 100).load()
        XCTAssertEqual(capped.runs.count, 0)
        XCTAssertEqual(capped.warnings.first?.reason.hasSuffix("over the 100 bytes limit for a run file ([history] max_file_mb); not read"), true,
            "\(capped.warnings)")
    }

    func testImpossibleFiguresAreSkipped() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        var negative = makeRun(id: "neg", startedAt: date("2026-05-01T00:00:00Z"))
        negative.benchmarks[1].samplesNs[2] = -100
        var negativeMedian = makeRun(id: "median", startedAt: date("2026-05-02T00:00:00Z"))
        negativeMedian.benchmarks[0].stats?.medianNs = -5
        var negativeTotal = makeRun(id: "total", startedAt: date("2026-05-03T00:00:00Z"))
        negativeTotal.benchmarks[0].resources.totalMs = -1
        for run in [negative, negativeMedian, negativeTotal] { _ = try store.write(run) }
        _ = try store.write(makeRun(id: "good", startedAt: date("2026-05-04T00:00:00Z")))
        // JSON has no NaN; an overflowing literal is how a non-finite value arrives.
        let good = try Data(contentsOf: try XCTUnwrap(store.load().runs.first?.url))
        let overflowing = String(decoding: good, as: UTF8.self)
            .replacingOccurrences(of: #""meanNs":1000100"#, with: #""meanNs":1e400"#)
        XCTAssertNotEqual(overflowing, String(decoding: good, as: UTF8.self))
        try Data(overflowing.utf8).write(to: folder.appendingPathComponent("z-overflow.json"))

        let loaded = store.load()
        XCTAssertEqual(loaded.runs.map(\.record.id), ["good"])
        let byID = Dictionary(uniqueKeysWithValues: loaded.warnings.map { ($0.url.lastPathComponent.prefix(20), $0.reason) })
        let reasons = loaded.warnings.map(\.reason)
        XCTAssertTrue(reasons.contains("impossible values: benchmarks[1].samplesNs holds a negative sample (-100 ns)"), "\(byID)")
        XCTAssertTrue(reasons.contains("impossible values: benchmarks[0].stats.medianNs is negative (-5.0)"), "\(byID)")
        XCTAssertTrue(reasons.contains("impossible values: benchmarks[0].resources.totalMs is negative (-1.0)"), "\(byID)")
        XCTAssertEqual(loaded.warnings.count, 4, "\(byID)")
    }

    func testARunDatedInTheFutureIsSkippedButClockSkewIsAllowed() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        _ = try store.write(makeRun(id: "now", startedAt: Date().addingTimeInterval(-60)))
        _ = try store.write(makeRun(id: "skewed", startedAt: Date().addingTimeInterval(300)))
        let far = try store.write(makeRun(id: "far", startedAt: date("9999-01-01T00:00:00Z")))
        let loaded = store.load()
        XCTAssertEqual(Set(loaded.runs.map(\.record.id)), ["now", "skewed"])
        XCTAssertEqual(loaded.runs.last?.record.id, "skewed")
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertEqual(loaded.warnings.first?.url.lastPathComponent, far.lastPathComponent)
        XCTAssertEqual(loaded.warnings.first?.reason.hasPrefix("dated in the future: startedAt is 9999-01-01T00:00:00Z"), true,
            "\(loaded.warnings)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: far.path), "skipped, never deleted")
    }

    func testSamplesSourceTakesTheFastPathAndRoundTrips() throws {
        var run = makeRun(id: "src", startedAt: date("2026-05-01T00:00:00Z"))
        run.benchmarks[0].samplesSource = .harness
        run.benchmarks[1].samplesSource = .wall
        let data = try RunRecordCoding.encoder().encode(run)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#""samplesSource":"wall""#))
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(data), "the fast reader knows samplesSource")
        XCTAssertEqual(fast, run)
        XCTAssertEqual(try RunRecordCoding.decoder().decode(RunRecord.self, from: data), run)
    }
}

import BenchHistory
import BenchModel
import XCTest

final class HistoryStoreTests: XCTestCase {
    func testFileNameIsUTCTimeAndShortSafeID() {
        let run = makeRun(id: "a1b2c3d4", startedAt: date("2026-11-25T10:31:02Z"))
        XCTAssertEqual(HistoryStore.fileName(for: run), "20261125T103102Z-a1b2c3d4.json")
        var odd = run
        odd.id = "../../etc/passwd x"
        XCTAssertEqual(HistoryStore.fileName(for: odd), "20261125T103102Z-etcpasswdx.json")
        odd.id = "/ ."
        XCTAssertEqual(HistoryStore.fileName(for: odd), "20261125T103102Z-run.json")
    }

    func testRunIDsAreShortLowercaseHex() {
        let ids = (0..<200).map { _ in RunID.make() }
        for id in ids {
            XCTAssertEqual(id.count, 8)
            XCTAssertTrue(id.allSatisfy { "0123456789abcdef".contains($0) }, id)
        }
        XCTAssertGreaterThan(Set(ids).count, 190)
    }

    func testWriteThenLoadRoundTrips() throws {
        let folder = try temporaryFolder(self).appendingPathComponent("output/history")
        let store = HistoryStore(directory: folder)
        let run = makeRun(id: "0badcafe", startedAt: date("2026-11-25T10:31:02Z"), benchmarks: 3, samples: 30)

        let url = try store.write(run)
        XCTAssertEqual(url.lastPathComponent, "20261125T103102Z-0badcafe.json")
        XCTAssertEqual(url.deletingLastPathComponent().standardizedFileURL.path, folder.standardizedFileURL.path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(#""schema":"benchboard.run/2""#), text)
        XCTAssertTrue(text.contains(#""startedAt":"2026-11-25T10:31:02Z""#))

        let loaded = store.load()
        XCTAssertEqual(loaded.warnings, [])
        XCTAssertEqual(loaded.runs.map(\.record), [run])
        XCTAssertEqual(loaded.runs.first?.url.standardizedFileURL, url.standardizedFileURL)
        XCTAssertEqual(try store.loadRun(at: url), run)
        // Only the run file: the temporary file is gone.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [url.lastPathComponent])
    }

    func testNeverOverwritesAnExistingFile() throws {
        let store = HistoryStore(directory: try temporaryFolder(self))
        let first = makeRun(id: "same", startedAt: date("2026-11-25T10:31:02.100Z"))
        var second = makeRun(id: "same", startedAt: date("2026-11-25T10:31:02.900Z"), benchmarks: 1)
        second.title = "second"

        let a = try store.write(first)
        let before = try Data(contentsOf: a)
        let b = try store.write(second)
        let c = try store.write(second)

        XCTAssertEqual(a.lastPathComponent, "20261125T103102Z-same.json")
        XCTAssertEqual(b.lastPathComponent, "20261125T103102Z-same-2.json")
        XCTAssertEqual(c.lastPathComponent, "20261125T103102Z-same-3.json")
        XCTAssertEqual(try Data(contentsOf: a), before, "the first file is untouched")
        XCTAssertEqual(store.load().runs.count, 3)
    }

    func testAFileNotWrittenByBenchboardIsNotReplacedEither() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        let run = makeRun(id: "cafe0001", startedAt: date("2026-01-02T03:04:05Z"))
        let squatter = folder.appendingPathComponent(HistoryStore.fileName(for: run))
        try Data("precious".utf8).write(to: squatter)

        let url = try store.write(run)
        XCTAssertNotEqual(url.lastPathComponent, squatter.lastPathComponent)
        XCTAssertEqual(try String(contentsOf: squatter, encoding: .utf8), "precious")
    }

    func testConcurrentWritersNeverCollide() throws {
        let store = HistoryStore(directory: try temporaryFolder(self))
        let run = makeRun(id: "race", startedAt: date("2026-11-25T10:31:02Z"), benchmarks: 1)
        let urls = Locked<[URL]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            if let url = try? store.write(run) { urls.mutate { $0.append(url) } }
        }
        let written = urls.value
        XCTAssertEqual(written.count, 16)
        XCTAssertEqual(Set(written.map(\.lastPathComponent)).count, 16)
        XCTAssertEqual(store.load().runs.count, 16)
    }

    func testMissingFolderIsAnEmptyHistory() throws {
        let store = HistoryStore(directory: try temporaryFolder(self).appendingPathComponent("nope"))
        let loaded = store.load()
        XCTAssertTrue(loaded.runs.isEmpty)
        XCTAssertTrue(loaded.warnings.isEmpty)
    }

    func testRunsAreSortedOldestFirstThenByID() throws {
        let store = HistoryStore(directory: try temporaryFolder(self))
        let runs = [
            makeRun(id: "c", startedAt: date("2026-03-01T00:00:00Z")),
            makeRun(id: "b", startedAt: date("2026-01-01T00:00:00Z")),
            makeRun(id: "a", startedAt: date("2026-03-01T00:00:00Z")),
            makeRun(id: "z", startedAt: date("2025-12-31T23:59:59Z")),
        ]
        for run in runs { _ = try store.write(run) }
        XCTAssertEqual(store.load().runs.map(\.record.id), ["z", "b", "a", "c"])
    }
}

/// A value shared between concurrent test iterations.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}

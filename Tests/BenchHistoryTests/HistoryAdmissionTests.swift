import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// `HistoryStore.add` writes only what the history reads back, by the reader's own rules:
/// dates (`HistoryLimits.dateProblem`), figures, and the `max_file_mb` size.
final class HistoryAdmissionTests: XCTestCase {
    private let now = date("2026-06-01T12:00:00Z")

    private func refusal(_ store: HistoryStore, _ run: RunRecord) -> HistoryError? {
        do {
            _ = try store.add(run, now: now)
            return nil
        } catch {
            return error
        }
    }

    func testDatesTheReaderSkipsAreNotWritten() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryLocation(directory: folder).store
        let future = refusal(store, makeRun(id: "future", startedAt: date("9999-12-31T00:00:00Z")))
        XCTAssertEqual(
            future?.description.hasPrefix(
                "the run would be skipped by every read of the history (dated in the future: startedAt is 9999-12-31T00:00:00Z, later than"),
            true, "\(String(describing: future))")
        let ancient = refusal(store, makeRun(id: "old", startedAt: date("0001-01-01T00:00:00Z")))
        XCTAssertEqual(
            ancient?.description.contains("dated before 1970: startedAt is 0001-01-01T00:00:00Z, before 1970-01-01T00:00:00Z"), true,
            "\(String(describing: ancient))")
        var negative = makeRun(id: "neg", startedAt: now)
        negative.benchmarks[0].samplesNs[0] = -1
        XCTAssertNotNil(refusal(store, negative))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing written")

        // Within the allowed clock skew: written, and read back.
        let url = try store.add(makeRun(id: "skewed", startedAt: now.addingTimeInterval(1800)), now: now)
        XCTAssertEqual(try store.loadRun(at: url).id, "skewed")
    }

    func testTheReaderSkipsARunDatedBefore1970() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        _ = try store.write(makeRun(id: "good", startedAt: date("2026-05-01T00:00:00Z")))
        let old = try store.write(makeRun(id: "ancient", startedAt: date("1969-12-31T23:59:59Z")))
        let loaded = store.load()
        XCTAssertEqual(loaded.runs.map(\.record.id), ["good"])
        XCTAssertEqual(loaded.warnings.map(\.url.lastPathComponent), [old.lastPathComponent])
        XCTAssertEqual(loaded.warnings.first?.reason.hasPrefix("dated before 1970: startedAt is 1969-12-31T23:59:59Z"), true)
    }

    func testARunOverMaxFileBytesIsNotWrittenAndOneJustUnderIs() throws {
        let folder = try temporaryFolder(self)
        let run = makeRun(id: "big", startedAt: now, benchmarks: 2, samples: 20_000)
        var encoded = try RunRecordCoding.encoder().encode(run)
        encoded.append(UInt8(ascii: "\n"))
        let size = Int64(encoded.count)

        // The samples alone are over the limit: refused before encoding, with the lower bound.
        let floor = RunRecordCoding.minimumEncodedBytes(run)
        let tiny = HistoryLocation(directory: folder, maxFileBytes: floor - 1).store
        guard case let .tooLargeToWrite(bytes, atLeast, limit)? = refusal(tiny, run) else { return XCTFail() }
        XCTAssertEqual(bytes, floor)
        XCTAssertTrue(atLeast)
        XCTAssertEqual(limit, floor - 1)

        // Over the limit only once encoded: refused with the exact size the reader would see.
        let tight = HistoryLocation(directory: folder, maxFileBytes: size - 1).store
        let refused = refusal(tight, run)
        guard case .tooLargeToWrite(size, false, size - 1)? = refused else { return XCTFail("\(String(describing: refused))") }
        XCTAssertTrue(refused?.description.contains("over the") == true)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])

        // At the limit: written, and the reader with that limit reads it.
        let exact = HistoryLocation(directory: folder, maxFileBytes: size).store
        let url = try exact.add(run, now: now)
        XCTAssertEqual(exact.load().runs.map(\.url), [url])
        XCTAssertEqual(tight.load().warnings.map(\.url), [url], "one byte less, and the reader skips it")
    }

    func testTheLowerBoundIsBelowTheEncodedSizeAndCloseForSamples() throws {
        var run = makeRun(id: "bound", startedAt: now, benchmarks: 3, samples: 5_000)
        run.benchmarks[1].samplesNs = [0, -5, Int64.max, Int64.min, 7]
        for candidate in [run, makeRun(id: "empty", startedAt: now, benchmarks: 1, samples: 0)] {
            let size = Int64(try RunRecordCoding.encoder().encode(candidate).count)
            let floor = RunRecordCoding.minimumEncodedBytes(candidate)
            XCTAssertLessThanOrEqual(floor, size)
            if candidate.id == "bound" { XCTAssertGreaterThan(Double(floor), 0.8 * Double(size), "samples are most of it") }
        }
    }

    func testMergeRefusesAnInputTheReaderWouldSkipByName() {
        let good = RunMerge.Input(label: "a.json", record: makeRun(id: "a", startedAt: now), file: "a.json")
        var later = makeRun(id: "b", startedAt: date("9999-01-01T00:00:00Z"))
        later.benchmarks = later.benchmarks.map {
            var result = $0
            result.name += " b"
            return result
        }
        let bad = RunMerge.Input(label: "b.json", record: later, file: "b.json")
        XCTAssertThrowsError(try RunMerge.merge([good, bad], id: "m", preferNewest: false, now: now)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("b.json: dated in the future: startedAt is 9999-01-01T00:00:00Z"), text)
        }
    }

    func testHistoryLocationCarriesItsLimitToEveryStoreAndFolder() throws {
        let folder = try temporaryFolder(self)
        let location = HistoryLocation(directory: folder.appendingPathComponent("a/../b"), maxFileBytes: 1234)
        XCTAssertEqual(location.store.maxFileBytes, 1234)
        XCTAssertEqual(location.store.directory, folder.appendingPathComponent("b").standardizedFileURL)
        XCTAssertEqual(location.folder(folder).maxFileBytes, 1234)
        XCTAssertEqual(HistoryLocation(directory: folder).maxFileBytes, HistoryLimits.defaultMaxFileBytes)
    }
}

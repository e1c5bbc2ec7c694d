import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// A run file with a key given twice is refused by both readers alike, and a run id held by two
/// files (a copy) is named with both files.
final class HistoryDuplicateTests: XCTestCase {
    private func encoded(_ run: RunRecord) throws -> String {
        String(decoding: try RunRecordCoding.encoder().encode(run), as: UTF8.self)
    }

    /// `text` with `old` replaced once, checked to have changed.
    private func replacing(_ text: String, _ old: String, _ new: String) throws -> String {
        let range = try XCTUnwrap(text.range(of: old), "\(old) not in the file")
        return text.replacingCharacters(in: range, with: new)
    }

    func testARepeatedKeyIsRefusedOnTheFastAndTheSlowPath() throws {
        let run = makeRun(id: "dup", startedAt: date("2026-05-01T00:00:00Z"))
        let good = try encoded(run)
        let cases: [(String, String, String)] = [
            // Fast path shape, the key at the top.
            ("top", try replacing(good, #""id":"dup","#, #""id":"dup", "id":"other","#), #"the key "id" appears twice in the top-level object"#),
            // In a benchmark's resources.
            ("nested", try replacing(good, #""cpuUserUs":2340,"#, #""cpuUserUs":2340, "cpuUserUs":1,"#),
             #"the key "cpuUserUs" appears twice in benchmarks[0].resources"#),
            // In a dictionary of strings (env), where each reader would keep another value.
            ("env", try replacing(good, #""NODE_ENV":"production""#, #""NODE_ENV":"production", "NODE_ENV":"test""#),
             #"the key "NODE_ENV" appears twice in benchmarks[0].config.env"#),
            // An unknown key sends the fast reader away first: the slow path must refuse too.
            ("slow", try replacing(good, #""id":"dup","#, #""id":"dup", "zzUnknown":1, "title":"again","#),
             #"the key "title" appears twice in the top-level object"#),
        ]
        for (name, text, expected) in cases {
            let data = Data(text.utf8)
            XCTAssertNil(RunRecordFastDecoder.decode(data), "\(name): the fast reader never picks one of two")
            guard case let .failure(problem) = RunFileDecoder.decode(data, decoder: RunRecordCoding.decoder()) else {
                XCTFail("\(name): loaded")
                continue
            }
            XCTAssertTrue(problem.reason.contains(expected), "\(name): \(problem.reason)")
        }

        let folder = try temporaryFolder(self)
        try Data(cases[0].1.utf8).write(to: folder.appendingPathComponent("twice.json"))
        let loaded = HistoryStore(directory: folder).load()
        XCTAssertEqual(loaded.runs.count, 0)
        XCTAssertEqual(loaded.warnings.map(\.url.lastPathComponent), ["twice.json"])
        XCTAssertEqual(loaded.warnings.first?.description.hasSuffix(
            #"twice.json: skipped: not a valid benchboard.run/\#(HistorySchema.currentVersion) file: the key "id" appears twice in the top-level object; which one counts would be a guess"#),
            true, "\(loaded.warnings)")
    }

    func testTheSameKeyInDifferentObjectsStaysOnTheFastPath() throws {
        let run = makeRun(id: "fine", startedAt: date("2026-05-01T00:00:00Z"), benchmarks: 3)
        let data = try RunRecordCoding.encoder().encode(run)
        XCTAssertEqual(RunRecordFastDecoder.decode(data), run)
        XCTAssertNil(JSONDuplicateKeys.first(in: data))
    }

    func testARunIDInTwoFilesIsLoadedWithAWarningNamingBoth() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        let original = try store.write(makeRun(id: "abc", startedAt: date("2026-05-01T00:00:00Z")))
        _ = try store.write(makeRun(id: "other", startedAt: date("2026-05-02T00:00:00Z")))
        let copy = folder.appendingPathComponent("zz-copy.json")
        try FileManager.default.copyItem(at: original, to: copy)
        let loaded = store.load()
        XCTAssertEqual(loaded.runs.map(\.record.id), ["abc", "abc", "other"], "both are read")
        XCTAssertEqual(loaded.warnings.count, 1)
        let warning = try XCTUnwrap(loaded.warnings.first)
        XCTAssertEqual(warning.url.lastPathComponent, "zz-copy.json")
        XCTAssertFalse(warning.skipped)
        XCTAssertTrue(warning.description.contains("zz-copy.json: holds run abc, as does "), warning.description)
        XCTAssertTrue(warning.description.contains(original.lastPathComponent), warning.description)
        XCTAssertFalse(warning.description.contains("skipped"), warning.description)
        XCTAssertEqual(loaded.files(of: "abc").map(\.lastPathComponent), [original.lastPathComponent, "zz-copy.json"])
        XCTAssertEqual(loaded.files(of: "other").count, 1)
    }
}

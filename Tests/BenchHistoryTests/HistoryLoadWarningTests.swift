import BenchHistory
import BenchModel
import XCTest

/// Files a history folder collects over the years that are not usable runs.
final class HistoryLoadWarningTests: XCTestCase {
    func testUnusableFilesAreSkippedWithAWarningNamingThem() throws {
        let folder = try temporaryFolder(self)
        let store = HistoryStore(directory: folder)
        let good = try store.write(makeRun(id: "good", startedAt: date("2026-05-01T00:00:00Z")))
        let valid = try Data(contentsOf: good)

        func put(_ name: String, _ data: Data) throws { try data.write(to: folder.appendingPathComponent(name)) }
        try put("a-garbage.json", Data("{\n  \"schema\": \"benchboard.run/1\",\n  oops\n}".utf8))
        try put("b-truncated.json", valid.prefix(valid.count / 2))
        try put("c-foreign.json", Data(#"{"name": "package", "version": "1.0.0"}"#.utf8))
        try put("d-newer.json", Data(String(decoding: valid, as: UTF8.self)
            .replacingOccurrences(of: "benchboard.run/2", with: "benchboard.run/3").utf8))
        try put("e-empty.json", Data())
        try put("f-array.json", Data("[1, 2]".utf8))
        try put("g-other-schema.json", Data(#"{"schema": "asv.result/2"}"#.utf8))
        try put("h-missing-field.json", Data(String(decoding: valid, as: UTF8.self)
            .replacingOccurrences(of: "\"machine\"", with: "\"machina\"").utf8))
        try put("i-future-garbage.json", Data(#"{"schema": "benchboard.run/7", "whatever": true}"#.utf8))
        try put("j-ancient.json", Data(#"{"schema": "benchboard.run/0"}"#.utf8))
        try put("notes.txt", Data("not json, not looked at".utf8))
        try put(".hidden.json", Data("half a write".utf8))

        let loaded = store.load()
        XCTAssertEqual(loaded.runs.map(\.record.id), ["good"])
        let reasons = Dictionary(uniqueKeysWithValues: loaded.warnings.map { ($0.url.lastPathComponent, $0.reason) })
        XCTAssertEqual(reasons.count, 10, "\(reasons)")
        XCTAssertEqual(reasons["a-garbage.json"]?.hasPrefix("not valid JSON at line 3, column 3"), true, "\(reasons)")
        XCTAssertEqual(reasons["b-truncated.json"]?.hasPrefix("truncated: the JSON stops at line"), true, "\(reasons)")
        XCTAssertEqual(reasons["c-foreign.json"], "not a benchboard run file (no \"schema\" field)")
        XCTAssertEqual(
            reasons["d-newer.json"], "written by a newer benchboard (benchboard.run/3; this one reads up to benchboard.run/2): upgrade benchboard to read it (the action's `version` input, or the BenchBoard package dependency)")
        XCTAssertEqual(reasons["e-empty.json"], "empty file")
        XCTAssertEqual(reasons["f-array.json"], "not a JSON object")
        XCTAssertEqual(reasons["g-other-schema.json"], "not a benchboard run file (schema \"asv.result/2\")")
        XCTAssertEqual(reasons["h-missing-field.json"], "not a valid benchboard.run/2 file: missing \"machine\"")
        XCTAssertEqual(
            reasons["i-future-garbage.json"], "written by a newer benchboard (benchboard.run/7; this one reads up to benchboard.run/2): upgrade benchboard to read it (the action's `version` input, or the BenchBoard package dependency)")
        XCTAssertEqual(reasons["j-ancient.json"], "not a benchboard run file (unknown schema benchboard.run/0)")

        let warning = try XCTUnwrap(loaded.warnings.first { $0.url.lastPathComponent == "d-newer.json" })
        XCTAssertTrue(warning.description.hasSuffix(
            "d-newer.json: skipped: written by a newer benchboard (benchboard.run/3; this one reads up to benchboard.run/2): upgrade benchboard to read it (the action's `version` input, or the BenchBoard package dependency)"), warning.description)
        // Nothing was deleted or rewritten.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 13)
    }

    func testLoadRunThrowsASentenceNamingTheFile() throws {
        let folder = try temporaryFolder(self)
        let file = folder.appendingPathComponent("x.json")
        try Data(#"{"schema": "benchboard.run/3"}"#.utf8).write(to: file)
        let store = HistoryStore(directory: folder)
        XCTAssertThrowsError(try store.loadRun(at: file)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasSuffix("x.json: written by a newer benchboard (benchboard.run/3; this one reads up to benchboard.run/2): upgrade benchboard to read it (the action's `version` input, or the BenchBoard package dependency)"), text)
        }
        XCTAssertThrowsError(try store.loadRun(at: folder.appendingPathComponent("missing.json"))) { error in
            XCTAssertTrue("\(error)".contains("missing.json: cannot be read"), "\(error)")
        }
    }

    func testHistoryPathThatIsAFileIsAWarning() throws {
        let file = try temporaryFolder(self).appendingPathComponent("history")
        try Data("x".utf8).write(to: file)
        let loaded = HistoryStore(directory: file).load()
        XCTAssertTrue(loaded.runs.isEmpty)
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertTrue(loaded.warnings[0].reason.contains("not a folder"), loaded.warnings[0].reason)
        XCTAssertThrowsError(try HistoryStore(directory: file).write(makeRun(id: "x", startedAt: Date())))
    }
}

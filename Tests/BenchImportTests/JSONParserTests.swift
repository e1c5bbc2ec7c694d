import Foundation
import XCTest

@testable import BenchImport

/// The parser every import goes through: strict JSON plus Python's NaN and Infinity, with
/// every refusal naming what it is.
final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws(ImportProblem) -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }

    private func problem(_ text: String) -> ImportProblem? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testValuesAndPackedNumbers() throws {
        let value = try parse(#"{"a": [1, 2.5, -3e2], "b": [1, "x"], "c": [], "d": {"e": null, "f": true, "g": false}}"#)
        guard case let .object(members) = value else { return XCTFail("\(value)") }
        XCTAssertEqual(members["a"], .numbers([1, 2.5, -300]), "numbers only: packed")
        XCTAssertEqual(members["b"], .array([.number(1), .string("x")]), "mixed: as values")
        XCTAssertEqual(members["c"], .array([]))
        XCTAssertEqual(members["d"], .object(["e": .null, "f": .bool(true), "g": .bool(false)]))
        // Both kinds of array read alike, with each element's path.
        let node = JSONNode(value)
        let packed = try node.require("a").elements()
        XCTAssertEqual(packed.count, 3)
        XCTAssertEqual(packed.map(\.path), ["a[0]", "a[1]", "a[2]"])
        XCTAssertEqual(try packed.map { try $0.number() }, [1, 2.5, -300])
        XCTAssertEqual(try node.require("b").elements().map(\.path), ["b[0]", "b[1]"])
        XCTAssertEqual(JSONValue.numbers([1]).typeName, "an array")
    }

    func testPythonsNaNAndInfinityAreNumbersForTheChecksThatExplainThem() throws {
        guard case let .numbers(values) = try parse("[NaN, Infinity, -Infinity, 0]") else { return XCTFail() }
        XCTAssertTrue(values[0].isNaN)
        XCTAssertEqual(Array(values.dropFirst()), [.infinity, -.infinity, 0])
        let node = JSONNode(try parse(#"{"t": [NaN]}"#))
        XCTAssertThrowsError(try node.require("t").elements()[0].duration(unitNs: 1e9)) { error in
            XCTAssertEqual(error as? ImportProblem, .badTime(path: "t[0]", value: "nan"))
        }
    }

    func testStringsWithEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude80""#), .string("a\"b\\c/d\n\té🚀"))
        XCTAssertEqual(try parse("\"é ok\""), .string("é ok"))
    }

    func testADuplicatedKeyIsRefusedWithTheKeyAndWhereItIs() {
        XCTAssertEqual(
            problem(#"{"results": [{"command": "a", "times": [1], "times": [2]}]}"#),
            .duplicateKey(key: "times", path: "results[0]"))
        XCTAssertEqual(problem(#"{"a": 1, "a": 1}"#), .duplicateKey(key: "a", path: ""))
        XCTAssertEqual(
            ImportProblem.duplicateKey(key: "a", path: "").description,
            #"the key "a" appears twice in the top-level object; which one counts would be a guess, so the file is refused"#)
        XCTAssertNil(problem(#"{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}"#), "the same key in different objects is fine")
    }

    func testALoneSurrogateIsCalledThatNotTruncated() throws {
        for (text, escape, column) in [
            (#"{"command": "a\ud800b"}"#, #"\ud800"#, 15), (#"{"command": "\uDC00"}"#, #"\uDC00"#, 14),
            (#"["\ud800\u0041"]"#, #"\ud800"#, 3), (#"["\ud800"]"#, #"\ud800"#, 3),
        ] {
            guard case let .notJSON(message)? = problem(text) else { return XCTFail(text) }
            XCTAssertTrue(message.hasPrefix("a lone surrogate (\(escape)) at line 1, column \(column):"), "\(text): \(message)")
            XCTAssertFalse(message.contains("truncated"), message)
        }
    }

    func testSyntaxErrorsNameTheLineAndColumn() {
        XCTAssertEqual(problem(""), .notJSON("empty file"))
        XCTAssertEqual(problem("  \n"), .notJSON("empty file"))
        XCTAssertEqual(problem("{\"a\": [1,\n2"), .notJSON("truncated: the JSON stops at line 2 before it is complete"))
        XCTAssertEqual(problem("{\"a\": 1}\n{"), .notJSON("not valid JSON at line 2, column 1: more after the end of the JSON value"))
        XCTAssertEqual(problem("{\"a\": 01}"), .notJSON("not valid JSON at line 1, column 7: a number may not start with 0"))
        XCTAssertEqual(problem("{\"é\": x}"), .notJSON("not valid JSON at line 1, column 7: expected a value"))
        XCTAssertEqual(problem("[1 2]"), .notJSON("not valid JSON at line 1, column 4: expected ',' or ']' in an array"))
        XCTAssertEqual(problem("{'a': 1}"), .notJSON("not valid JSON at line 1, column 2: expected a key in quotes"))
        XCTAssertEqual(problem("[\"\u{1}\"]"), .notJSON("not valid JSON at line 1, column 3: a control character inside a string must be escaped"))
        var bytes = Data("[\"a".utf8)
        bytes.append(contentsOf: [0xFF, 0x22, 0x5D])
        XCTAssertEqual((try? JSONParser.parse(bytes)), nil)
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        XCTAssertEqual(problem(deep), .notJSON("not valid JSON at line 1, column 513: nested more than 512 levels deep"))
    }

    func testATimeBeyondWhatARunFileHoldsIsOutOfRangeNotNonFinite() throws {
        let node = JSONNode(try parse(#"{"t": [1e10, 9223372036.9, 9000000000]}"#))
        let times = try node.require("t").elements()
        XCTAssertThrowsError(try times[0].duration(unitNs: 1e9)) { error in
            XCTAssertEqual(error as? ImportProblem, .timeOutOfRange(path: "t[0]", value: "10000000000.0", limit: "9223372036 s"))
            XCTAssertEqual(
                (error as? ImportProblem)?.description,
                #""t[0]" is 10000000000.0: out of range, a time must be below 9223372036 s (what a run file holds in nanoseconds)"#)
        }
        XCTAssertThrowsError(try times[1].duration(unitNs: 1e9))
        XCTAssertEqual(try times[2].duration(unitNs: 1e9), 9_000_000_000_000_000_000)
        XCTAssertThrowsError(try times[0].duration(unitNs: 1e9 * 1e9)) { error in
            guard case let .timeOutOfRange(_, _, limit)? = error as? ImportProblem else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, "9", "a unit of no name: the bound as a number")
        }
    }
}

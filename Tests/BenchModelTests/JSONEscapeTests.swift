import BenchModel
import Foundation
import XCTest

/// The one meaning of a JSON string escape, shared by the history's fast reader and the importer;
/// checked against JSONSerialization, which both readers must agree with.
final class JSONEscapeTests: XCTestCase {
    /// Decodes the escapes of `text` (JSON string content, without quotes) one after another.
    private func decode(_ text: String) throws(JSONEscape.Problem) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        try bytes.withUnsafeBufferPointer { buffer throws(JSONEscape.Problem) in
            var i = 0
            while i < buffer.count {
                if buffer[i] == UInt8(ascii: "\\") {
                    i = try JSONEscape.decode(buffer, at: i, into: &out)
                } else {
                    out.append(buffer[i])
                    i += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func problem(_ text: String) -> JSONEscape.Problem? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    func testEscapesMeanWhatJSONSerializationReads() throws {
        for text in [
            #"a\"b\\c\/d"#, #"\b\f\n\r\t"#, #"\u00e9\u00E9"#, #"\u20ac x"#, #"\ud83d\ude00"#, #"\uD834\uDD1E end"#,
            #"\u0000"#,
        ] {
            let data = Data(("[\"" + text + "\"]").utf8)
            let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String])
            XCTAssertEqual(try decode(text), expected[0], text)
        }
    }

    func testAStringIsReadToItsClosingQuote() throws {
        let bytes = Array(#"{"k":"ab\tc\u00e9\"d" ,"#.utf8)
        let result = try bytes.withUnsafeBufferPointer { buffer throws(JSONEscape.Problem) in
            try JSONEscape.unescape(buffer, from: 6, plainEnd: 8)
        }
        XCTAssertEqual(String(decoding: result.utf8, as: UTF8.self), "ab\tcé\"d")
        XCTAssertEqual(bytes[result.end...].first, UInt8(ascii: " "))
        for (text, problem) in [(#""a\nb"#, JSONEscape.Problem.truncated), ("\"a\\n\u{01}\"", .controlCharacter(at: 4))] {
            let bytes = Array(text.utf8)
            XCTAssertThrowsError(try bytes.withUnsafeBufferPointer { buffer throws(JSONEscape.Problem) in
                try JSONEscape.unescape(buffer, from: 1, plainEnd: 2)
            }) { XCTAssertEqual($0 as? JSONEscape.Problem, problem, text) }
        }
    }

    func testTheOffsetAfterAPairSkipsBothHalves() throws {
        let bytes = Array(#"\ud83d\ude00!"#.utf8)
        var out: [UInt8] = []
        let next = try bytes.withUnsafeBufferPointer { buffer throws(JSONEscape.Problem) in
            try JSONEscape.decode(buffer, at: 0, into: &out)
        }
        XCTAssertEqual(next, 12)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "😀")
    }

    func testBadEscapesSayWhatIsWrong() {
        XCTAssertEqual(problem(#"ab\"#), .truncated)
        XCTAssertEqual(problem(#"\u12"#), .truncated)
        XCTAssertEqual(problem(#"\x"#), .unknown(at: 0))
        XCTAssertEqual(problem(#"ab\u12g4"#), .notHex(at: 2))
        // The second half of a pair is the bad one: its own backslash is named.
        XCTAssertEqual(problem(#"\ud83d\uzzzz"#), .notHex(at: 6))
        XCTAssertEqual(problem(#"\ud83d"#), .loneSurrogate(at: 0))
        XCTAssertEqual(problem(#"\ud83d\n"#), .loneSurrogate(at: 0))
        XCTAssertEqual(problem(#"x\ud83d\u0041"#), .loneSurrogate(at: 1))
        XCTAssertEqual(problem(#"\ude00"#), .loneSurrogate(at: 0))
    }
}

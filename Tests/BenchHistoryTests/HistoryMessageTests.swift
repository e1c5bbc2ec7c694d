import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// What the reader says about a broken run file names what is wrong: a lone surrogate is not a
/// truncation, and a number out of range is not "not valid JSON".
final class HistoryMessageTests: XCTestCase {
    private func reason(_ text: String) -> String? {
        guard case let .failure(problem) = RunFileDecoder.decode(Data(text.utf8), decoder: RunRecordCoding.decoder()) else {
            return nil
        }
        return problem.reason
    }

    func testALoneSurrogateInARunFileIsCalledThat() throws {
        let good = String(decoding: try RunRecordCoding.encoder().encode(makeRun(id: "s", startedAt: date("2026-05-01T00:00:00Z"))), as: UTF8.self)
        let lone = good.replacingOccurrences(of: #""id":"s""#, with: #""id":"a\ud800b""#)
        XCTAssertNotEqual(lone, good)
        let message = try XCTUnwrap(reason(lone))
        XCTAssertTrue(message.hasPrefix(#"a lone surrogate (\ud800) at line "#), message)
        XCTAssertFalse(message.contains("truncated"), message)

        // A pair is text, and a backslash before "u" is not an escape.
        XCTAssertNil(JSONSyntax.loneSurrogate(in: Data(#"["\ud83d\ude80", "\\ud800"]"#.utf8)))
        XCTAssertEqual(JSONSyntax.loneSurrogate(in: Data(#"["ok", "\uDC00"]"#.utf8))?.offset, 8)
        XCTAssertEqual(JSONSyntax.explain(Data(#"{"a": "x\ud800"#.utf8)), "truncated: the JSON stops at line 1 before it is complete",
            "a string cut after a high surrogate is a truncation")
    }

    func testANumberOutOfRangeIsNamed() throws {
        let good = String(decoding: try RunRecordCoding.encoder().encode(makeRun(id: "n", startedAt: date("2026-05-01T00:00:00Z"))), as: UTF8.self)
        let huge = good.replacingOccurrences(of: #""meanNs":1000100"#, with: #""meanNs":1e400"#)
        XCTAssertNotEqual(huge, good)
        let message = try XCTUnwrap(reason(huge))
        XCTAssertTrue(message.hasPrefix("a number out of range ("), message)
        XCTAssertTrue(message.contains("1e400"), message)
    }
}

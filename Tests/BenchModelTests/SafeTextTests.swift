import BenchModel
import Foundation
import XCTest

/// The characters SafeText escaped before anything was added to it; new members of the set are
/// tested where they are added.
final class SafeTextTests: XCTestCase {
    func testOrdinaryTextIsReturnedUnchanged() {
        for text in ["sort-integers", "Profile Query (single)", "café → 0.186 ms ± 2 %", "日本語", "👩‍👩‍👧 family", ""] {
            XCTAssertEqual(SafeText.escaped(text), text)
        }
    }

    func testControlCharactersBecomeVisibleEscapes() {
        XCTAssertEqual(SafeText.escaped("a\u{1B}[31mred"), "a\\u{1B}[31mred")
        XCTAssertEqual(SafeText.escaped("nul\u{0}byte"), "nul\\u{0}byte")
        XCTAssertEqual(SafeText.escaped("del\u{7F}"), "del\\u{7F}")
        XCTAssertEqual(SafeText.escaped("c1\u{85}\u{9F}"), "c1\\u{85}\\u{9F}")
        XCTAssertEqual(SafeText.escaped("carriage\rreturn"), "carriage\\u{D}return")
    }

    func testBidirectionalControlsAreEscaped() {
        // "Trojan Source": an override makes a name read differently from what it is.
        XCTAssertEqual(SafeText.escaped("admin\u{202E}gnp.exe"), "admin\\u{202E}gnp.exe")
        for value: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let scalar = Unicode.Scalar(value)!
            XCTAssertTrue(SafeText.isUnsafe(scalar), "U+\(String(value, radix: 16))")
        }
    }

    func testNoncharactersXMLCannotCarryAreEscaped() {
        XCTAssertEqual(SafeText.escaped("a\u{FFFE}b\u{FFFF}"), "a\\u{FFFE}b\\u{FFFF}")
    }

    func testTabAndNewlineAreKeptOnlyWhenAsked() {
        XCTAssertEqual(SafeText.escaped("line\none\tcol"), "line\\u{A}one\\u{9}col")
        XCTAssertEqual(SafeText.escaped("line\none\tcol", keepingNewlines: true), "line\none\tcol")
        XCTAssertEqual(SafeText.escaped("tail\n\u{1B}]0;title\u{7}", keepingNewlines: true), "tail\n\\u{1B}]0;title\\u{7}")
    }

    func testJoinersThatScriptsAndEmojiNeedAreSafe() {
        XCTAssertFalse(SafeText.isUnsafe("\u{200C}"))
        XCTAssertFalse(SafeText.isUnsafe("\u{200D}"))
        XCTAssertFalse(SafeText.isUnsafe("é"))
        XCTAssertFalse(SafeText.isUnsafe(" "))
    }

    func testEscapingIsIdempotent() {
        let once = SafeText.escaped("x\u{1B}\u{202E}y")
        XCTAssertEqual(SafeText.escaped(once), once)
    }

    func testJSONEscapingKeepsTheDataAndLeavesNothingRaw() throws {
        let value = ["name": "bench\u{7F}\u{85}\u{202E}tail", "plain": "ok / fine"]
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let escaped = SafeText.jsonEscaped(encoded)
        XCTAssertFalse(escaped.unicodeScalars.contains { SafeText.isUnsafe($0, keepingNewlines: true) })
        XCTAssertTrue(escaped.contains("\\u007f"))
        XCTAssertTrue(escaped.contains("\\u202e"))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8))
        XCTAssertEqual(decoded, value)
    }

    func testJSONWithoutUnsafeCharactersIsReturnedAsItIs() {
        let json = "{\n  \"a\" : \"b\\n\"\n}"
        XCTAssertEqual(SafeText.jsonEscaped(json), json)
    }
}

import BenchModel
@testable import BenchReport
import XCTest

/// `SafeText` is the one definition of which characters are escaped; the XHTML escaper of every
/// `{{value}}` has a byte-level fast path of its own, which must never let through a character
/// SafeText escapes, nor change one it keeps.
final class SanitizerAgreementTests: XCTestCase {
    /// Zero-width characters that would make two different names look the same are shown; the
    /// joiners scripts and emoji sequences need are kept.
    func testZeroWidthCharactersAreEscapedButJoinersAreKept() {
        XCTAssertEqual(SafeText.escaped("a\u{200B}b"), "a\\u{200B}b")
        XCTAssertEqual(SafeText.escaped("a\u{2060}b"), "a\\u{2060}b")
        XCTAssertEqual(SafeText.escaped("\u{FEFF}name"), "\\u{FEFF}name")
        for kept in ["می\u{200C}خواهم", "👩\u{200D}💻", "क्\u{200D}ष", "a\u{200C}b\u{200D}c"] {
            XCTAssertEqual(SafeText.escaped(kept), kept)
            XCTAssertEqual(XHTMLEscaping().escapeText(kept), kept)
        }
        XCTAssertEqual(XHTMLEscaping().escapeText("a\u{200B}b"), "a\\u{200B}b")
    }

    /// Every scalar of every class, alone, between letters and at the end of a value: the escaper
    /// gives exactly SafeText's text with the five XML specials as entities.
    func testTheXHTMLEscaperAgreesWithSafeTextOnEveryCharacterClass() {
        var scalars: [UInt32] = Array(0x00...0xFF)
        scalars += [0x061B, 0x061C, 0x061D, 0x200A, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2010]
        scalars += Array(0x2027...0x2030) + Array(0x205F...0x206A) + [0x2192, 0x00B1, 0x00B5, 0x2013]
        scalars += [0xFEFE, 0xFEFF, 0xFF00, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F469, 0x10FFFF]
        // And a spread over the whole code space.
        scalars += stride(from: 0x100, through: 0x10FFFF, by: 251).map { UInt32($0) }
        let escaper = XHTMLEscaping()
        var checked = 0
        for value in scalars {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(Character(scalar))
            for text in [character, "a" + character + "b", "12.5 ms " + character, character + character] {
                let expected = Self.entities(SafeText.escaped(text, keepingNewlines: true))
                XCTAssertEqual(escaper.escapeText(text), expected, String(format: "U+%04X in %@", value, text.debugDescription))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    /// The fast path passes over eight bytes at a time: every character, at every place within
    /// and across those eight bytes of a longer value, still gets SafeText's text and entities.
    func testEveryCharacterAtEveryPlaceOfALongValue() {
        let escaper = XHTMLEscaping()
        let context = Array("abcdefghijklmnopqrstuvwx")
        for value in UInt32(0)...0xFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for offset in 0...16 {
                var characters = context
                characters.insert(Character(scalar), at: offset)
                let text = String(characters)
                let expected = Self.entities(SafeText.escaped(text, keepingNewlines: true))
                XCTAssertEqual(escaper.escapeText(text), expected, String(format: "U+%04X at %d", value, offset))
            }
        }
    }

    /// `mayNeedWork` flags a word holding any byte that is not ASCII or that SafeText or the
    /// markup would change, wherever it lies in the word.
    func testTheWordScanFlagsEveryByteThatNeedsWork() {
        let filler = UInt64(UInt8(ascii: "a"))
        for byte in UInt64(0)...0xFF {
            let needs = byte >= 0x80 || "<>&\"'".utf8.contains(UInt8(byte))
                || SafeText.isUnsafe(Unicode.Scalar(UInt8(byte)), keepingNewlines: true)
            for position in UInt64(0)..<8 {
                var word: UInt64 = 0
                for place in UInt64(0)..<8 { word |= (place == position ? byte : filler) << (place * 8) }
                if needs { XCTAssertTrue(XHTMLEscaping.mayNeedWork(word), "byte \(byte) at \(position)") }
            }
        }
        XCTAssertFalse(XHTMLEscaping.mayNeedWork(0x6162_6364_2E31_3220), "plain text passes")
    }

    /// The five XML specials as entities, written out independently of the escaper.
    private static func entities(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

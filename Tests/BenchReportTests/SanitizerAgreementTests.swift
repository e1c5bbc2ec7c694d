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

    /// The five XML specials as entities, written out independently of the escaper.
    private static func entities(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

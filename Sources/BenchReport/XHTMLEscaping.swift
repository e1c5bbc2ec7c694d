import BenchModel
import Mustache

/// The escaping of every `{{value}}` in the HTML templates (`{{% CONTENT_TYPE: XHTML}}`):
/// every character `SafeText` escapes becomes its visible escape (`\u{1B}`, `\u{202E}`), then the
/// five XML specials become entities, so no value can break the polyglot markup or hide text.
///
/// Works on UTF-8 bytes with a scan-only fast path, because most values (numbers, dates) need
/// nothing and the library's own HTML escaper walks grapheme clusters through a dictionary, which
/// dominated rendering time at scale. The scan asks `SafeText.isUnsafe` itself (through a table
/// built from it for ASCII, and per decoded scalar beyond), so it cannot disagree with the one
/// sanitizer: a value goes the slow way exactly when SafeText or the markup would change it, and
/// values with "→", "±", "µ" or "–" (common in the pages) stay on the fast path.
struct XHTMLEscaping: MustacheContentType {
    static let name = "XHTML"

    func escapeText(_ text: String) -> String {
        var text = text
        let needsWork = text.withUTF8(Self.needsWork)
        guard needsWork else { return text }
        let cleaned = TextSafety.xml(text)
        var output: [UInt8] = []
        output.reserveCapacity(cleaned.utf8.count + 32)
        for byte in cleaned.utf8 {
            switch byte {
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// For each ASCII byte: a markup character, or one SafeText escapes (keeping tab and LF).
    private static let asciiNeedsWork: [Bool] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return "<>&\"'".unicodeScalars.contains(scalar) || SafeText.isUnsafe(scalar, keepingNewlines: true)
    }

    /// Whether any character is markup or one SafeText escapes. The bytes come from a Swift
    /// String, so they are valid UTF-8 and each lead byte says how long its sequence is.
    private static func needsWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ascii = asciiNeedsWork
        let count = bytes.count
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < count {
            // Eight bytes at once while none can need work: most values are numbers and words.
            if index + 8 <= count, !mayNeedWork(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                if ascii[Int(lead)] { return true }
                index += 1
                continue
            }
            var value: UInt32
            let length: Int
            if lead < 0xE0 {
                (value, length) = (UInt32(lead & 0x1F), 2)
            } else if lead < 0xF0 {
                (value, length) = (UInt32(lead & 0x0F), 3)
            } else {
                (value, length) = (UInt32(lead & 0x07), 4)
            }
            guard index + length <= count else { return true }
            for offset in 1..<length {
                value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
            }
            // Not a scalar cannot happen in valid UTF-8; the slow path would sort it out.
            guard let scalar = Unicode.Scalar(value) else { return true }
            if SafeText.isUnsafe(scalar, keepingNewlines: true) { return true }
            index += length
        }
        return false
    }

    /// Whether any of the eight bytes of `word` is not ASCII, is below 0x20, is DEL or is one of
    /// the markup characters: every byte `asciiNeedsWork` flags is among these (checked by
    /// SanitizerAgreementTests), so a word for which this is false needs nothing. Tabs and
    /// newlines are flagged too, and then looked at one by one.
    static func mayNeedWork(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Exact as a yes or no: a borrow only ever runs on from a byte that is zero itself.
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        if word & highs != 0 { return true }
        // With every byte below 0x80, a byte below 0x20 is the only way to set a high bit here.
        if (word &- ones &* 0x20) & ~word & highs != 0 { return true }
        return hasZeroByte(word ^ (ones &* 0x3C)) || hasZeroByte(word ^ (ones &* 0x3E)) || hasZeroByte(word ^ (ones &* 0x26))
            || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x27)) || hasZeroByte(word ^ (ones &* 0x7F))
    }
}

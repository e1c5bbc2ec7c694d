import Mustache

/// The escaping of every `{{value}}` in the HTML templates (`{{% CONTENT_TYPE: XHTML}}`):
/// the five XML specials become entities, and characters XML 1.0 forbids become U+FFFD, so
/// no value can break the polyglot markup. Works on UTF-8 bytes with a scan-only fast path,
/// because most values (numbers, dates) need nothing and the library's own HTML escaper
/// walks grapheme clusters through a dictionary, which dominated rendering time at scale.
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

    /// Whether any byte is a markup character, a control (C0 other than tab and LF, DEL), or
    /// starts one of the characters `SafeText` escapes beyond ASCII: C1 controls (C2 80–9F),
    /// U+061C (D8 9C), the bidi marks, overrides and isolates (E2 80 8E–8F, E2 80 AA–AE,
    /// E2 81 A6–A9) and U+FFFE/U+FFFF (EF BF BE–BF). Whole sequences are matched, not lead
    /// bytes, so values with "→", "±", "µ" or "–" (common in the pages) stay on the fast path.
    private static func needsWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return true
            case 0x09, 0x0A:
                break
            case 0..<0x20, 0x7F:
                return true
            case 0xC2:
                if index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            case 0xD8:
                if index + 1 < count, bytes[index + 1] == 0x9C { return true }
            case 0xE2:
                if index + 2 < count {
                    let second = bytes[index + 1]
                    let third = bytes[index + 2]
                    if second == 0x80, (0x8E...0x8F).contains(third) || (0xAA...0xAE).contains(third) { return true }
                    if second == 0x81, (0xA6...0xA9).contains(third) { return true }
                }
            case 0xEF:
                if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }
}

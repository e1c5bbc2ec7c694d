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
        let needsWork = text.withUTF8 { bytes in bytes.contains(where: Self.isSpecial) }
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

    /// Markup characters, controls (C0 other than tab and LF, DEL) and the lead bytes of what
    /// `SafeText` escapes beyond ASCII: 0xC2 (C1 controls), 0xD8 (U+061C), 0xE2 (bidi marks,
    /// overrides and isolates), 0xEF (U+FFFE/U+FFFF). Those lead bytes also start harmless
    /// characters ("—", "…"); such values merely take the slow path, which leaves them alone.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x09, 0x0A: false
        case 0..<0x20, 0x7F, 0xC2, 0xD8, 0xE2, 0xEF: true
        default: false
        }
    }
}

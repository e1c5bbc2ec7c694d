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

    /// Markup characters and the C0 controls other than tab, LF and CR. (U+FFFE/U+FFFF start
    /// with 0xEF and are rare: they take the slow path through `TextSafety.xml` only when
    /// other work is needed, and are also removed by the view-model builders.)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20: true
        default: false
        }
    }
}

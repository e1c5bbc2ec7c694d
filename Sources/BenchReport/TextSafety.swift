/// User text (names, groups, stderr, commit subjects) made safe for XML 1.0 and Markdown.
/// HTML escaping itself is Mustache's job (`{{value}}`); what it does not cover is here:
/// control characters XML forbids, and Markdown punctuation that would turn a benchmark
/// name into a link or an HTML tag in a pull-request comment.
enum TextSafety {
    /// Replaces characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF,
    /// lone surrogates never reach a Swift String) with U+FFFD.
    static func xml(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }

    /// One line of XML-safe text: newlines become spaces (for titles and table cells).
    static func line(_ text: String) -> String {
        xml(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v == 0xFFFE || v == 0xFFFF
    }

    private static let markdownSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "#"]

    /// One line of Markdown that renders as the literal text: newlines become spaces and
    /// characters with a Markdown or HTML meaning are backslash-escaped.
    static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in line(text) {
            if markdownSpecials.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

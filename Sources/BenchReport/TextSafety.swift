import BenchModel

/// User text (names, groups, stderr, commit subjects) made safe for XML 1.0 and Markdown.
/// HTML escaping itself is Mustache's job (`{{value}}`); what it does not cover is here:
/// control characters, bidi overrides and invisible characters (escaped visibly by `SafeText`, the
/// one sanitizer every output shares), and Markdown punctuation that would turn a benchmark name into a link or an
/// HTML tag in a pull-request comment.
enum TextSafety {
    /// `SafeText.escaped`, keeping tabs and newlines: what XML 1.0 cannot carry (C0 controls
    /// other than tab/LF, U+FFFE/U+FFFF) and what would reorder or hide text (C1 controls, bidi
    /// overrides and isolates, zero-width spaces) become visible escapes such as `\u{1B}`.
    static func xml(_ text: String) -> String {
        SafeText.escaped(text, keepingNewlines: true)
    }

    /// One line of XML-safe text: newlines become spaces (for titles and table cells).
    static func line(_ text: String) -> String {
        xml(text).split(whereSeparator: \.isNewline).joined(separator: " ")
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

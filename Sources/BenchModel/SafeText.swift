/// The one place where text that came from outside (benchmark names, groups, error messages,
/// a child's stderr, file names, commit subjects) is made harmless before anyone sees it.
///
/// Control characters (C0 but tab and newline, DEL, C1) could move the cursor, recolour or
/// retitle a terminal, or hide text; bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and the marks around them (U+200E, U+200F, U+061C) reorder what is shown, so
/// a name can read differently from what it is (the "Trojan Source" trick); the zero-width
/// space, word joiner and byte order mark (U+200B, U+2060, U+FEFF) show nothing, so `a\u{200B}b`
/// would look like `ab`. Each such character is replaced by a visible escape, `\u{1B}` or
/// `\u{202E}`, in every output: the terminal (also when piped: logs are read in terminals too),
/// HTML, Markdown and JUnit XML. Showing it rather than dropping it keeps two names that differ
/// only there distinguishable. Characters XML cannot carry (U+FFFE, U+FFFF) are escaped the same
/// way. The zero-width non-joiner and joiner (U+200C, U+200D) are kept: Persian, Indic scripts
/// and emoji sequences need them.
///
/// `isUnsafe` is the definition every escaper derives from (the HTML escaper's fast path asks it
/// too), so the set is written down once.
public enum SafeText {
    /// `text` with every unsafe character escaped; tabs and newlines are kept when
    /// `keepingNewlines` (stderr tails), and escaped otherwise (names, one-line messages).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0, keepingNewlines: keepingNewlines) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar, keepingNewlines: keepingNewlines) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Encoded JSON with every unsafe character that is still raw (JSONEncoder escapes C0
    /// controls itself, not DEL, C1 or bidi controls) written as a `\uXXXX` escape: the same
    /// data for a JSON reader, nothing raw for a terminal. Unsafe characters can only occur
    /// inside strings, so this never touches the structure.
    public static func jsonEscaped(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { isUnsafe($0, keepingNewlines: true) }) else { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if isUnsafe(scalar, keepingNewlines: true) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `scalar` would be escaped. Inlinable: the HTML escaper calls it for every
    /// non-ASCII character of every value it renders.
    @inlinable
    public static func isUnsafe(_ scalar: Unicode.Scalar, keepingNewlines: Bool = false) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: !keepingNewlines
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        case 0x200B, 0x2060, 0xFEFF: true
        case 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}

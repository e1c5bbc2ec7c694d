/// The `--filter` of `run` and `list`: a regular expression matched against benchmark names and
/// groups in time linear in the name's length, whatever the pattern.
///
/// A backtracking engine (NSRegularExpression) took 14–20 s of CPU for `(a+)+$` on a 41-character
/// name, so a filter typed in a CI job could hang it. This one compiles the pattern into a Thompson
/// NFA and runs every alternative side by side (a Pike VM without captures): the cost is at most
/// (name length + 1) × (program size), and it never backtracks.
///
/// The subset (everything else is refused with a message, never misread):
/// literal characters; `.` any character but a line break; `[abc]`, `[a-z]`, `[^…]`; `\d \D \w \W \s \S` (ASCII
/// classes), `\t \n`, and `\` before punctuation for the character itself; `^` and `$` (start and
/// end of the name; unlike NSRegularExpression, `$` does not also match before a final line break); `(…)`, `(?:…)`, `|`; `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (n, m ≤ 1000; a
/// trailing `?` for a lazy quantifier is accepted and changes nothing, since only "does it match"
/// is asked); `(?i)` at the very start for case-insensitive matching. Not supported: backreferences,
/// lookaround, `\b`, other flags. A match anywhere in the text counts, as with `grep -E`.
public struct NamePattern: Sendable {
    public let source: String
    let program: NFAProgram
    let caseInsensitive: Bool

    public init(_ source: String) throws(NamePatternError) {
        var parser = NamePatternParser(source)
        let parsed = try parser.parse()
        self.source = source
        caseInsensitive = parsed.caseInsensitive
        program = try NFACompiler.compile(parsed.node, pattern: source)
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        PikeVM(program: program).search(Array(text.unicodeScalars), caseInsensitive: caseInsensitive)
    }
}

import BenchConfig
import Foundation
import XCTest

final class NamePatternTests: XCTestCase {
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        try NamePattern(pattern).matches(text)
    }

    /// Within the supported subset, the answer is NSRegularExpression's (which `--filter` used before).
    func testAgreesWithNSRegularExpressionOnTheSubset() throws {
        let patterns = [
            "gzip", "^gzip$", "Profile Query|Sort 100k|gzip", "^(json|xml)-(en|de)code$", "a.c", "^a.*z$",
            "[0-9]+k", "[^a-z ]", "\\d{2,3}", "x{2}", "x{2,}", "(ab)+$", "(a|ab)(c|bcd)(d*)", "^$", "a?", "\\(single\\)",
            "[a\\-z]", "[-a]", "[a-]", "[]a]", "\\w+\\s\\w+", "\\D\\W", "[\\d.]+ms", "colou?r", "a{0,2}b", "(?:x|y)z", "^.{3}$",
            "(a*)*b", "(a+)+$", "[é-ü]", "🚀", "a|", "|a", "()", "x{1000}", "1{3}", "a*?b", "a+?", "(?i)GZIP",
            "(?i)[A-C]x", "\\.json$",
        ]
        let texts = [
            "", "gzip", "gzip 1 MiB", "Profile Query (single)", "Sort 100k", "json-encode", "xml-decode", "abc", "az",
            "a\nz", "12ms", "1.5ms", "colour", "color", "xx", "x", "ab", "abab", "abcd", "abcbcd", "aaaaab",
            "aaaaaaaaaaa!", "a-z", "]", "word word", "ü", "🚀 launch", "{", "111", "GZip", "bx", "Cx",
            "run.json", "runXjson", "aab",
        ]
        for pattern in patterns {
            let expected = try NSRegularExpression(pattern: pattern)
            let ours = try NamePattern(pattern)
            for text in texts {
                let reference = expected.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                XCTAssertEqual(ours.matches(text), reference, "pattern \(pattern) on \(text.debugDescription)")
            }
        }
    }

    /// Backtracking-only features are refused with the place and the reason, never misread.
    func testUnsupportedSyntaxIsRefused() {
        let cases: [(String, String)] = [
            ("(?=a)", "at character 1: lookaround"), ("a(?<n>b)", "at character 2: lookaround, named groups"),
            ("(a)\\1", "at character 4: backreferences are not supported"), ("\\bword", "the escape \\b is not supported"),
            ("(a", "'(' is never closed"), ("a)", "')' closes no group"), ("[a-", "'[' is never closed"),
            ("*a", "a quantifier needs something to repeat"), ("^*", "a quantifier needs something to repeat"),
            ("a{3,1}", "the maximum is below the minimum"), ("a{1001}", "above 1000"), ("[z-a]", "runs backwards"),
            ("a\\", "lone backslash"), ("a++", "possessive"), ("(?s)a", "inline flags"),
            ("((a{1000}){1000})", "the pattern is too large"),
        ]
        for (pattern, expected) in cases {
            XCTAssertThrowsError(try NamePattern(pattern), pattern) { error in
                let message = (error as? NamePatternError)?.description ?? ""
                XCTAssertTrue(message.hasPrefix("'\(pattern)'"), message)
                XCTAssertTrue(message.contains(expected), "\(pattern): \(message)")
            }
        }
    }

    /// Patterns that make a backtracking engine exponential or quadratic are answered in one pass:
    /// all of these together take NSRegularExpression far longer than the test could wait; here they
    /// are a few hundred thousand steps. No duration is asserted: a hang would be the failure.
    func testPathologicalPatternsOnLongNames() throws {
        let long = String(repeating: "a", count: 2_000) + "!"
        XCTAssertFalse(try matches("(a+)+$", long))
        XCTAssertFalse(try matches("^(a|aa)*$", long))
        XCTAssertFalse(try matches("(a*)*b", long))
        XCTAssertTrue(try matches("(a+)+!$", long))
        XCTAssertFalse(try matches("^(a|a?)+$", long))
        XCTAssertTrue(try matches("a{100}!", long))
    }

    func testBracesThatAreNoCountAreLiteral() throws {
        XCTAssertTrue(try matches("a{,2}", "xa{,2}"))
        XCTAssertFalse(try matches("a{,2}", "aa"))
        XCTAssertTrue(try matches("{x}", "{x}"))
    }

    func testCaseInsensitiveAndEmptyClasses() throws {
        XCTAssertTrue(try matches("(?i)ÉCLAIR", "éclair"))
        XCTAssertFalse(try matches("[^\\d\\D]", "anything 1"))
        XCTAssertTrue(try matches("[^\\d]", "1a"))
        XCTAssertFalse(try matches("^a$", "a\n"), "$ is the end of the name only")
    }

    /// Random patterns of the subset over a small alphabet, against NSRegularExpression on random
    /// short texts (short, so the backtracking reference stays quick). Seeded: the same cases each run.
    func testRandomPatternsAgreeWithNSRegularExpression() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func atom(_ depth: Int) -> String {
            switch next(depth > 2 ? 5 : 7) {
            case 0: return "a"
            case 1: return "b"
            case 2: return "."
            case 3: return ["[ab]", "[^a]", "[a-c]", "\\w", "\\D"][next(5)]
            case 4: return ["^", "$", "c"][next(3)]
            default: return "(" + pattern(depth + 1) + ")"
            }
        }
        func piece(_ depth: Int) -> String {
            let base = atom(depth)
            guard base != "^", base != "$" else { return base }
            return base + ["", "", "*", "+", "?", "{2}", "{1,2}", "{0,}"][next(8)]
        }
        func pattern(_ depth: Int) -> String {
            var text = (0..<(1 + next(3))).map { _ in piece(depth) }.joined()
            if next(4) == 0 { text += "|" + (0..<(1 + next(2))).map { _ in piece(depth) }.joined() }
            return text
        }
        let alphabet = ["a", "b", "c", "_"]
        var checked = 0
        for _ in 0..<300 {
            let source = pattern(0)
            let reference = try NSRegularExpression(pattern: source)
            let ours = try NamePattern(source)
            for _ in 0..<12 {
                let text = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }.joined()
                let expected = reference.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                XCTAssertEqual(ours.matches(text), expected, "pattern \(source) on \(text.debugDescription)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 3600)
    }
}

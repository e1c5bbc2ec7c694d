import BenchConfig
import XCTest

/// Input that toml++ asserts on (or, without assertions, assumes away) instead of reporting a
/// parse error: it aborted the process; it must fail validation with its line.
final class TOMLGuardTests: XCTestCase {
    /// A table header's name must start with a key character or a quote.
    func testHeadersStartingWithAnythingButAKeyAreAParseErrorWithTheirLine() {
        for header in ["[!features]", "[.report]", "[[\u{1B}[31mbenchmark]]", "[ \u{202E}x]", "[\u{7F}]", "[,]"] {
            XCTAssertEqual(
                problems("# settings\n\(header)\n"),
                ["config.toml:2: invalid TOML: a table name starts with a letter, a digit, '_', '-' or a quote (column \(header.hasPrefix("[[") ? 3 : header.hasPrefix("[ ") ? 3 : 2))"],
                header)
        }
        // Inside a multi-line string or an array value, a bracket is not a header.
        XCTAssertNoThrow(try parse("""
            [report]
            title = \"\"\"
            [!]\"\"\"
            [[benchmark]]
            name = "x"
            command = [
              "[!]",
            ]
            """))
    }

    /// toml++ also asserts that an array element does not start with `}` or a Unicode line break.
    func testArrayElementsStartingWithABraceOrALineSeparatorAreAParseErrorWithTheirLine() {
        let cases = [
            ("inherit_env = [ }", 1, 17), ("inherit_env = [\"PATH\",\n}", 2, 1), ("inherit_env = [\u{2028}]", 1, 16),
            ("env = { A = [ # comment\n  }] }", 2, 3),
        ]
        for (line, expectedLine, column) in cases {
            XCTAssertEqual(
                problems("[defaults]\n\(line)\n").first,
                "config.toml:\(expectedLine + 1): invalid TOML: expected a value or ']' in the array (column \(column))", line)
        }
    }
}

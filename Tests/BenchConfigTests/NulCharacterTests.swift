import BenchConfig
import XCTest

/// toml++ hands strings over as C strings, so a `\u0000` escape would cut a value short without
/// a word (`name = "a\u0000b"` became "a"). Such a string is refused with its line instead.
final class NulCharacterTests: XCTestCase {
    func testNulEscapesInStringsAreRefusedWithTheirLine() {
        let cases: [(text: String, line: Int)] = [
            ("[[benchmark]]\nname = \"a\\u0000b\"\ncommand = [\"true\"]\n", 2),
            ("[[benchmark]]\nname = \"a\"\ncommand = [\"true\", \"x\\U00000000\"]\n", 3),
            ("[report]\ntitle = \"\"\"\nfirst line\nsecond \\u0000 line\"\"\"\n", 4),
            ("[defaults]\nenv = { \"A\\u0000B\" = \"x\" }\n", 2),
            ("[defaults]\nenv = { A = \"x\\u0000\" }\n", 2),
            ("[\"rep\\u0000ort\"]\ntitle = \"x\"\n", 1),
        ]
        for (text, line) in cases {
            let found = problems(text)
            XCTAssertEqual(found.count, 1, "\(text): \(found)")
            XCTAssertTrue(found.first?.hasPrefix("config.toml:\(line): ") ?? false, "\(text): \(found)")
            XCTAssertTrue(found.first?.contains("NUL") ?? false, "\(text): \(found)")
        }
    }

    /// An escaped backslash before `u0000`, a literal string and a comment hold no NUL character.
    func testTextThatOnlyLooksLikeANulEscapeIsAccepted() throws {
        let suite = try parse("""
            # a comment with \\u0000 in it
            [[benchmark]]
            name = "a\\\\u0000b"
            group = 'c\\u0000d'
            command = ["true"]
            """)
        XCTAssertEqual(suite.benchmarks.first?.name, "a\\u0000b")
        XCTAssertEqual(suite.benchmarks.first?.group, "c\\u0000d")
    }
}

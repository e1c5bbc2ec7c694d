import Foundation
import XCTest

final class ConfigErrorTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    func testMalformedTomlExitsTwoWithTheLine() throws {
        try cli.write("config.toml", """
            [defaults]
            warmup = 3

            [[benchmark]]
            name = "broken
            swift = "noop"
            """)
        for command in [["run"], ["validate"], ["list"]] {
            let result = try cli.run(command)
            XCTAssertEqual(result.status, 2, "\(command): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("config.toml:5"), "\(command): \(result.stderr)")
        }
        XCTAssertEqual(cli.historyFileNames(), [], "nothing runs on a bad config")
    }

    func testUnknownKeyAndUnknownSwiftNameAreNamedWithSuggestions() throws {
        try cli.write("config.toml", """
            [[benchmark]]
            name = "a"
            swift = "noop"
            iteratons = 3

            [[benchmark]]
            name = "b"
            swift = "sort-integer"
            """)
        let result = try cli.run(["validate"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("config.toml:4"), result.stderr)
        XCTAssertTrue(result.stderr.contains("iterations"), "did you mean: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("config.toml:8"), result.stderr)
        XCTAssertTrue(result.stderr.contains("sort-integers"), "did you mean: \(result.stderr)")
    }

    func testMissingConfigAndBadUsageExitTwo() throws {
        let missing = try cli.run(["run"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("config.toml"), missing.stderr)

        try cli.write("config.toml", "[[benchmark]]\nname = \"a\"\nswift = \"noop\"\n")
        XCTAssertEqual(try cli.run(["run", "--shard", "3/2"]).status, 2)
        XCTAssertEqual(try cli.run(["run", "--filter", "("]).status, 2)
        XCTAssertEqual(try cli.run(["run", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try cli.run(["compare", "nope", "nada"]).status, 2)
        XCTAssertEqual(try cli.run(["validate"]).status, 0)
    }

    /// A NUL written as `\u0000` would cut the name short; validate and run refuse it with its line.
    func testNulInAStringExitsTwoWithTheLine() throws {
        try cli.write("config.toml", "[[benchmark]]\nname = \"sort\\u0000 secret\"\ncommand = [\"true\"]\n")
        for command in [["validate"], ["run"]] {
            let result = try cli.run(command)
            XCTAssertEqual(result.status, 2, "\(command): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("config.toml:2"), "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("NUL"), "\(command): \(result.stderr)")
        }
        XCTAssertEqual(cli.historyFileNames(), [], "nothing runs on a bad config")
    }
}

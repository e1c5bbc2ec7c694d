import BenchConfig
import BenchRunner
import XCTest

/// Which registered Swift benchmarks a config leaves out, and the one line that names them.
final class UnconfiguredBenchmarksTests: XCTestCase {
    private func config(_ text: String, registered: [String], path: String = "suite/config.toml") throws -> SuiteConfig {
        try ConfigLoader.parse(text: text, path: path, baseDirectory: "/suite", registeredSwiftBenchmarks: Set(registered))
    }

    func testNamesWhatTheConfigLeavesOutInRegistrationOrder() throws {
        let registered = ["zeta", "alpha", "mid", "noop"]
        let suite = try config("""
            [[benchmark]]
            name = "Alpha"
            swift = "alpha"

            [[benchmark]]
            name = "echo"
            command = ["echo"]
            """, registered: registered)
        let unconfigured = UnconfiguredBenchmarks(registered: registered, diagnostic: ["noop"], config: suite)
        XCTAssertEqual(unconfigured.names, ["zeta", "mid"])
        XCTAssertEqual(
            unconfigured.notice,
            "2 registered Swift benchmarks are not in config.toml: zeta, mid — add a [[benchmark]] with swift = \"zeta\" to run them")
    }

    func testOneLeftOutReadsInTheSingular() throws {
        let suite = try config("[[benchmark]]\nname = \"a\"\nswift = \"a\"\n", registered: ["a", "b"], path: "Benchmarks.toml")
        let unconfigured = UnconfiguredBenchmarks(registered: ["a", "b", "b"], diagnostic: [], config: suite)
        XCTAssertEqual(
            unconfigured.notice,
            "1 registered Swift benchmark is not in Benchmarks.toml: b — add a [[benchmark]] with swift = \"b\" to run it")
    }

    func testNothingLeftOutOrOnlyDiagnosticBenchmarksGivesNoNotice() throws {
        let suite = try config("[[benchmark]]\nname = \"a\"\nswift = \"a\"\n", registered: ["a", "crash", "hang"])
        let unconfigured = UnconfiguredBenchmarks(registered: ["a", "crash", "hang"], diagnostic: ["crash", "hang"], config: suite)
        XCTAssertEqual(unconfigured.names, [])
        XCTAssertNil(unconfigured.notice)
    }

    /// A suite of commands run by the stock binary is not told about the binary's own examples.
    func testACommandsOnlySuiteGetsNoNotice() throws {
        let suite = try config("[[benchmark]]\nname = \"x\"\ncommand = [\"true\"]\n", registered: ["json-encode", "sort"])
        XCTAssertNil(UnconfiguredBenchmarks(registered: ["json-encode", "sort"], diagnostic: [], config: suite).notice)
    }

    func testManyNamesAreCountedPastTheFirstTen() throws {
        let registered = ["anchor"] + (1...13).map { "b\($0)" }
        let suite = try config("[[benchmark]]\nname = \"x\"\nswift = \"anchor\"\n", registered: registered)
        let notice = try XCTUnwrap(UnconfiguredBenchmarks(registered: registered, diagnostic: [], config: suite).notice)
        XCTAssertTrue(notice.hasPrefix("13 registered Swift benchmarks are not in config.toml: b1, b2, "), notice)
        XCTAssertTrue(notice.contains("b10 and 3 more — "), notice)
        XCTAssertFalse(notice.contains("b11"), notice)
    }

    func testNamesAreEscapedForTheTerminal() throws {
        let suite = try config("[[benchmark]]\nname = \"x\"\nswift = \"a\"\n", registered: ["a", "bad\u{1B}[31m"])
        let notice = try XCTUnwrap(
            UnconfiguredBenchmarks(registered: ["a", "bad\u{1B}[31m"], diagnostic: [], config: suite).notice)
        XCTAssertFalse(notice.contains("\u{1B}"), notice)
    }

    /// A mistyped name is offered the registered names, never the diagnostic ones.
    func testUnknownSwiftNameSuggestsNoDiagnosticBenchmark() throws {
        XCTAssertThrowsError(try ConfigLoader.parse(
            text: "[[benchmark]]\nname = \"x\"\nswift = \"hangs\"\n", path: "config.toml", baseDirectory: "/suite",
            registeredSwiftBenchmarks: ["hang", "sort-integers"], diagnosticSwiftBenchmarks: ["hang"])
        ) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("(registered: 'sort-integers')"), message)
            XCTAssertFalse(message.contains("'hang'"), message)
        }
    }
}

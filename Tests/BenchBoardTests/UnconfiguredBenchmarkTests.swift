import Foundation
import XCTest

/// A Swift benchmark registered in code but not named in config.toml is never skipped without a
/// word, and the diagnostic benchmarks the default suite's executable registers for the tests
/// (`crash-sigsegv`, `hang`, `fork-daemon`, …) are never offered as if they were examples.
final class UnconfiguredBenchmarkTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    /// The default suite's example benchmarks, as config.toml at the repository root names them.
    private static let examples = [
        "profile-query-single", "profile-query-search", "json-encode-profiles", "json-decode-profiles",
        "sort-integers", "dictionary-build", "string-word-frequency",
    ]

    /// Registered by the executable for the tests only (DiagnosticBenchmarks, MigrationBenchmarks).
    private static let diagnostics = [
        "noop", "crash-sigsegv", "hang", "hang-after-3", "fork-daemon", "kill-parent", "throws",
        "leak-64mib", "pb-setup-state", "pb-scaling-kilo",
    ]

    private func config(naming names: [String]) -> String {
        var text = "[defaults]\nwarmup = 0\niterations = 1\n"
        for name in names {
            text += "\n[[benchmark]]\nname = \(tomlString(name))\nswift = \(tomlString(name))\n"
        }
        return text
    }

    /// The lines of `text` that carry the notice.
    private func noticeLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.contains("registered Swift benchmark") }
    }

    func testListNamesAnExampleTheConfigOmitsAndNoDiagnosticBenchmark() throws {
        try cli.write("config.toml", config(naming: Self.examples.filter { $0 != "sort-integers" }))
        let result = try cli.run(["list"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = noticeLines(result.stdout + result.stderr)
        XCTAssertEqual(lines.count, 1, "one notice line: \(result.stderr)")
        let line = String(lines.first ?? "")
        XCTAssertTrue(line.contains("1 registered Swift benchmark is not in config.toml: sort-integers"), line)
        XCTAssertTrue(line.contains("swift = \"sort-integers\""), line)
        for name in Self.diagnostics {
            XCTAssertFalse(line.contains(name), "the notice names the diagnostic benchmark \(name): \(line)")
        }
    }

    func testRunNamesEveryRegisteredExampleTheConfigOmits() throws {
        // One example in the config; the notice names the six others and nothing else.
        try cli.write("config.toml", config(naming: ["sort-integers"]))
        let result = try cli.run(["run", "--no-isolation", "--no-report", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = noticeLines(result.stdout + result.stderr)
        XCTAssertEqual(lines.count, 1, "one notice line: \(result.stderr)")
        let line = String(lines.first ?? "")
        XCTAssertTrue(line.contains("6 registered Swift benchmarks are not in config.toml:"), line)
        let listed = line.components(separatedBy: "config.toml: ").last?.components(separatedBy: " — ").first ?? ""
        XCTAssertEqual(
            Set(listed.components(separatedBy: ", ")), Set(Self.examples.filter { $0 != "sort-integers" }), line)
    }

    func testConfigNamingEveryExampleGetsNoNotice() throws {
        try cli.write("config.toml", config(naming: Self.examples))
        let result = try cli.run(["list"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(noticeLines(result.stdout + result.stderr), [])
        // The diagnostic benchmarks are not shown either: list shows what the config names.
        for name in Self.diagnostics {
            XCTAssertFalse(result.stdout.contains(name), "list shows \(name)")
        }
    }

    /// A suite of commands run by the stock binary (a C, Go or Python team's) is not told to add
    /// the binary's own examples.
    func testACommandsOnlySuiteIsNotOfferedTheExamples() throws {
        try cli.write("config.toml", "[defaults]\nwarmup = 0\niterations = 1\n\n[[benchmark]]\nname = \"t\"\ncommand = [\"true\"]\n")
        for arguments in [["list"], ["run", "--no-report"]] {
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(noticeLines(result.stdout + result.stderr), [], "\(arguments)")
        }
    }

    func testDiagnosticBenchmarksStillRunWhenTheConfigNamesThem() throws {
        try cli.write("config.toml", config(naming: Self.examples + ["noop"]))
        let result = try cli.run(["list"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.split(separator: "\n").contains { $0.hasPrefix("noop ") }, result.stdout)
        XCTAssertEqual(noticeLines(result.stdout + result.stderr), [])
    }

    func testUnknownNameOffersExamplesNotDiagnosticBenchmarks() throws {
        try cli.write("config.toml", config(naming: ["json-encode"]))
        let result = try cli.run(["list"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("swift benchmark 'json-encode'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("'json-encode-profiles'"), result.stderr)
        for name in Self.diagnostics {
            XCTAssertFalse(result.stderr.contains("'\(name)'"), "the error offers \(name): \(result.stderr)")
        }
    }
}

import BenchBoard
import Foundation
import XCTest

/// Every way of asking for help reaches the help of the command asked about (before, each printed
/// the help of ArgumentParser's `help` subcommand), and a first word that is no subcommand is an
/// error naming it instead of an argument of `run`.
final class HelpAndVersionTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    static let subcommands = ["run", "report", "compare", "ab", "list", "validate", "runs", "recover", "prune"]

    /// The `USAGE:` line, and that the output opens with `OVERVIEW:`.
    private func usageLine(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try cli.run(arguments)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stdout.hasPrefix("OVERVIEW: "), "\(arguments): \(result.stdout)", file: file, line: line)
        return result.stdout.split(separator: "\n").first { $0.hasPrefix("USAGE: ") }.map(String.init) ?? ""
    }

    func testRootHelpInEveryForm() throws {
        for form in [["--help"], ["-h"], ["help"]] {
            let usage = try usageLine(form)
            XCTAssertTrue(usage.hasPrefix("USAGE: benchboard <subcommand>"), "\(form): \(usage)")
        }
        let overview = try cli.run(["--help"]).stdout
        for name in Self.subcommands {
            XCTAssertTrue(overview.contains("\n  \(name) "), "the overview lists \(name): \(overview)")
        }
    }

    func testHelpOfEverySubcommandInEveryForm() throws {
        for name in Self.subcommands {
            for form in [[name, "--help"], ["help", name], [name, "-h"]] {
                let usage = try usageLine(form)
                XCTAssertTrue(usage.hasPrefix("USAGE: benchboard \(name)"), "\(form): \(usage)")
            }
        }
    }

    func testVersion() throws {
        let result = try cli.run(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .newlines), BenchBoardVersion.string)
        XCTAssertTrue(BenchBoardVersion.string.hasPrefix("benchboard \(BenchBoardVersion.number) "))
    }

    func testUnknownSubcommandIsNamedAndNothingRuns() throws {
        try cli.write("config.toml", "[[benchmark]]\nname = \"t\"\ncommand = [\"true\"]\n")
        let result = try cli.run(["frobnicate"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("'frobnicate' is not a benchboard subcommand"), result.stderr)
        XCTAssertTrue(result.stderr.contains("run, report, compare"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.directory.appending(path: "output").path), "nothing ran")

        let typo = try cli.run(["comapre", "a", "b"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("Did you mean 'compare'?"), typo.stderr)

        let hostile = try cli.run(["\u{1B}[31mred\u{7}\u{202E}"])
        XCTAssertEqual(hostile.status, 2)
        XCTAssertTrue(hostile.stderr.contains("'\\u{1B}[31mred\\u{7}\\u{202E}' is not a benchboard subcommand"), hostile.stderr)
        // Bidi marks and zero-width characters too: the one sanitizer's whole set.
        let hidden = try cli.run(["ru\u{200E}n\u{061C}\u{200B}"])
        XCTAssertEqual(hidden.status, 2)
        XCTAssertTrue(hidden.stderr.contains("'ru\\u{200E}n\\u{61C}\\u{200B}' is not a benchboard subcommand"), hidden.stderr)

        let helpOfUnknown = try cli.run(["help", "frobnicate"])
        XCTAssertEqual(helpOfUnknown.status, 2)
        XCTAssertTrue(helpOfUnknown.stderr.contains("'frobnicate'"), helpOfUnknown.stderr)

        // Options of the default subcommand still work without naming it.
        let validateLike = try cli.run(["--config", "missing.toml"])
        XCTAssertEqual(validateLike.status, 2)
        XCTAssertTrue(validateLike.stderr.contains("missing.toml"), validateLike.stderr)
    }
}

import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Hostile names, harness output and files, end to end through the real executable.
final class HostileInputTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    /// `command = ["sh", "-c", script]` as TOML.
    private func shell(_ script: String) -> String {
        "command = [\"sh\", \"-c\", \(tomlString(script))]"
    }

    func testHarnessValuesNoInt64HoldsAreDroppedWithOneWarningAndTheRecordSaysWhereSamplesCameFrom() throws {
        try cli.write("config.toml", """
            [defaults]
            warmup = 1
            iterations = 3

            [[benchmark]]
            name = "huge"
            \(shell(#"echo '{"sampleNs":1e19}' >&3; echo '{"samplesNs":[-5, 1e300]}' >&3"#))

            [[benchmark]]
            name = "self-timed"
            \(shell(#"echo '{"sampleNs":1234}' >&3"#))

            [[benchmark]]
            name = "silent"
            \(shell("true"))
            """)
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: huge: ") }
        XCTAssertEqual(warnings.count, 1, result.stderr)
        XCTAssertTrue(
            warnings.first?.contains("recorded instead (samplesSource: wall)") == true, result.stderr)
        XCTAssertFalse(result.stderr.contains("self-timed:"), result.stderr)
        XCTAssertFalse(result.stderr.contains("silent:"), result.stderr)

        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks.map { $0["samplesSource"] as? String }, ["wall", "harness", "wall"])
        XCTAssertEqual((benchmarks[0]["samplesNs"] as? [Any])?.count, 3)
        XCTAssertEqual(benchmarks[1]["samplesNs"] as? [Int], [1234, 1234, 1234])
    }

    func testValidateAndRunRefuseValuesThatWouldTrapLater() throws {
        try cli.write("config.toml", """
            [[benchmark]]
            name = "x"
            command = ["true"]
            target_ms = 1e13
            min_time_ms = 1e14
            env = { BENCHBOARD_RESULT_FD = "7" }
            """)
        for command in ["validate", "run"] {
            let result = try cli.run([command])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("config.toml:4: 'target_ms' must be at most 604800000 ms (7 days)"), result.stderr)
            XCTAssertTrue(result.stderr.contains("config.toml:5: 'min_time_ms' must be at most"), result.stderr)
            XCTAssertTrue(result.stderr.contains("config.toml:6: 'env' cannot set BENCHBOARD_RESULT_FD"), result.stderr)
        }
        XCTAssertEqual(cli.historyFileNames(), [], "nothing ran")
    }

    func testControlCharactersAndBidiOverridesAreEscapedInEveryOutput() throws {
        let shown = #"evil\u{1B}[31m\u{202E}<b>&"/.."#
        // The child writes ESC[2J (clear screen) and U+202E on stderr, then fails.
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1

            [[benchmark]]
            name = "evil\\u001B[31m\\u202E<b>&\\"/.."
            \(shell(#"printf 'boom \033[2J\342\200\256 end\n' >&2; exit 3"#))
            """)
        let result = try cli.run(["run"])
        XCTAssertEqual(result.status, 1, result.stderr)
        for (label, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"), "\(label): \(text)")
            XCTAssertFalse(text.unicodeScalars.contains("\u{202E}"), "\(label): \(text)")
        }
        XCTAssertTrue(result.stdout.contains("💥 \(shown) 🔒 Isolated"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"boom \u{1B}[2J\u{202E} end"#), result.stdout)

        let output = cli.directory.appending(path: "output")
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.appending(path: "benchmarks").path)
        XCTAssertEqual(pages.count, 1)
        for file in ["index.html", "summary.md", "junit.xml", "runs.html"] + pages.map({ "benchmarks/" + $0 }) {
            let text = try String(contentsOf: output.appending(path: file), encoding: .utf8)
            XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"), file)
            XCTAssertFalse(text.unicodeScalars.contains("\u{202E}"), file)
        }
        let index = try XMLDocument(contentsOf: output.appending(path: "index.html"))
        let cells = try index.nodes(
            forXPath: "//*[local-name()='tr'][starts-with(@id,'b-')]/*[local-name()='td'][2]/*[local-name()='a']")
        XCTAssertEqual(cells.compactMap(\.stringValue), [shown])
        let stderrTail = try index.nodes(forXPath: "//*[local-name()='pre'][@class='stderr']").compactMap(\.stringValue)
        XCTAssertEqual(stderrTail, [#"boom \u{1B}[2J\u{202E} end"#])

        let junit = try XMLDocument(contentsOf: output.appending(path: "junit.xml"))
        XCTAssertEqual(try junit.nodes(forXPath: "//testcase/@name").compactMap(\.stringValue), [shown])

        let summary = try String(contentsOf: output.appending(path: "summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.contains(#"evil\\u{1B}\[31m\\u{202E}\<b\>\&"/.."#), summary)

        // compare: escaped in its text table, and JSON carries the exact name as \u escapes.
        let file = "output/history/" + (try XCTUnwrap(cli.historyFileNames().first))
        for format in ["text", "json", "markdown"] {
            let compared = try cli.run(["compare", file, file, "--format", format])
            XCTAssertEqual(compared.status, 0, compared.stderr)
            XCTAssertFalse(compared.stdout.unicodeScalars.contains("\u{1B}"), "\(format): \(compared.stdout)")
            XCTAssertFalse(compared.stdout.unicodeScalars.contains("\u{202E}"), "\(format): \(compared.stdout)")
            if format == "json" {
                let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any])
                let names = (document["benchmarks"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                XCTAssertEqual(names, ["evil\u{1B}[31m\u{202E}<b>&\"/.."])
            } else if format == "text" {
                XCTAssertTrue(compared.stdout.contains(shown), compared.stdout)
            }
        }
    }

    /// `report --output docs` into a folder that also holds hand-written pages.
    func testReportDeletesOnlyPagesItWroteAndNeverWritesThroughALinkedFolder() throws {
        func suite(_ names: [String]) -> String {
            "[defaults]\nwarmup = 0\niterations = 1\n\n"
                + names.map { "[[benchmark]]\nname = \"\($0)\"\ncommand = [\"true\"]\n" }.joined(separator: "\n")
        }
        try cli.write("config.toml", suite(["kept", "renamed"]))
        XCTAssertEqual(try cli.run(["run", "--no-report"]).status, 0)
        let docs = cli.directory.appending(path: "docs")
        try FileManager.default.createDirectory(at: docs.appending(path: "benchmarks"), withIntermediateDirectories: true)
        try cli.write("docs/benchmarks/methodology.html", "<p>hand-written</p>")
        try cli.write("docs/notes.md", "mine")
        var report = try cli.run(["report", "--output", "docs"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: docs.appending(path: "benchmarks/renamed.html").path))

        // The benchmark is renamed (and the history starts afresh, or the old run would keep
        // its page alive): its old page goes, the hand-written ones stay.
        for file in cli.historyFileNames() {
            try FileManager.default.removeItem(at: cli.directory.appending(path: "output/history/\(file)"))
        }
        try cli.write("config.toml", suite(["kept", "new name"]))
        XCTAssertEqual(try cli.run(["run", "--no-report"]).status, 0)
        report = try cli.run(["report", "--output", "docs"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let pages = try FileManager.default.contentsOfDirectory(atPath: docs.appending(path: "benchmarks").path).sorted()
        XCTAssertEqual(pages, ["kept.html", "methodology.html", "new-name.html"])
        XCTAssertEqual(try String(contentsOf: docs.appending(path: "notes.md"), encoding: .utf8), "mine")

        // benchmarks/ as a link to somewhere else: refused, and nothing there is touched.
        let elsewhere = cli.directory.appending(path: "elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try cli.write("elsewhere/kept.html", "someone else's")
        try cli.write("elsewhere/other.html", "someone else's")
        let linked = cli.directory.appending(path: "linked")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: linked.appending(path: "benchmarks"), withDestinationURL: elsewhere)
        report = try cli.run(["report", "--output", "linked"])
        XCTAssertEqual(report.status, 2, report.stderr)
        XCTAssertTrue(report.stderr.contains("is a symbolic link"), report.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted(), ["kept.html", "other.html"])
        XCTAssertEqual(try String(contentsOf: elsewhere.appending(path: "kept.html"), encoding: .utf8), "someone else's")
    }

    func testHistoryFilesOverTheConfiguredCapAreNamedAndSkipped() throws {
        try cli.write("config.toml", """
            [history]
            max_file_mb = 1

            [[benchmark]]
            name = "x"
            command = ["true"]
            warmup = 0
            iterations = 1
            """)
        XCTAssertEqual(try cli.run(["run", "--no-report"]).status, 0)
        let big = cli.directory.appending(path: "output/history/20260101T000000Z-big.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: Data("{".utf8)))
        XCTAssertEqual(truncate(big.path, 2 * 1_048_576), 0)
        let report = try cli.run(["report"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(
            report.stderr.contains(
                "20260101T000000Z-big.json: skipped: 2 MiB, over the 1 MiB limit for a run file ([history] max_file_mb); not read"),
            report.stderr)
        XCTAssertEqual(cli.historyFileNames().count, 2, "skipped, never deleted")
    }
}

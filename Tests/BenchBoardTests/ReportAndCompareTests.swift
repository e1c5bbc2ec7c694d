import Foundation
import XCTest

final class ReportAndCompareTests: XCTestCase {
    /// Two real runs of part of the default suite, then the reports and `compare` over them.
    func testRunsOfTheDefaultSuiteReportAndCompare() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // The repository's own config.toml, with fewer iterations so a debug build stays quick.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var config = try String(contentsOf: repository.appending(path: "config.toml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "iterations = 30", with: "iterations = 5")
            .replacingOccurrences(of: "warmup = 3", with: "warmup = 1")
        try cli.write("config.toml", config)
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "Tests/Fixtures"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repository.appending(path: "Tests/Fixtures/1mib.bin"), to: cli.directory.appending(path: "Tests/Fixtures/1mib.bin"))

        let filter = ["--filter", "Profile Query|Sort 100k|gzip"]
        let first = try cli.run(["run"] + filter)
        XCTAssertLessThanOrEqual(first.status, 1, first.stderr)
        let second = try cli.run(["run"] + filter)
        XCTAssertLessThanOrEqual(second.status, 1, second.stderr)
        let files = cli.historyFileNames()
        XCTAssertEqual(files.count, 2)

        for page in ["index.html", "runs.html", "summary.md", "junit.xml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: cli.directory.appending(path: "output/\(page)").path), page)
        }
        let summary = try String(contentsOf: cli.directory.appending(path: "output/summary.md"), encoding: .utf8)
        XCTAssertEqual(summary.split(separator: "\n").first, "<!-- benchboard-summary -->")

        let json = try cli.run(["compare", "output/history/\(files[0])", "output/history/\(files[1])", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertNotNil(decoded["benchmarks"] as? [[String: Any]])

        let text = try cli.run(["compare", "output/history/\(files[0])", "output/history"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Profile Query (single)"), text.stdout)

        let markdown = try cli.run(["compare", "output/history/\(files[0])", "output/history/\(files[1])", "--format", "markdown"])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertTrue(markdown.stdout.hasPrefix("<!-- benchboard-summary -->"), markdown.stdout)

        let runs = try cli.run(["runs"])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertEqual(runs.stdout.split(separator: "\n").count, 3, runs.stdout)

        // A corrupt file in the history is named and skipped; the report still renders.
        try cli.write("output/history/zzz-corrupt.json", "{\"schema\": \"benchboard.run/1\", \"id\": ")
        let report = try cli.run(["report"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stderr.contains("zzz-corrupt.json"), report.stderr)
        XCTAssertEqual(cli.historyFileNames().count, 3, "report never deletes a history file")
    }
}

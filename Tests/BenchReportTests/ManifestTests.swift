import BenchModel
import BenchReport
import Foundation
import XCTest

/// What a render may delete from its output folder: only files the previous render listed in
/// `.benchboard-manifest.json` that carry a name benchboard writes and content it recognises.
final class ManifestTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private var pages: URL { output.appendingPathComponent("benchmarks") }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    private func writeManifest(_ files: [String]) throws {
        let data = try JSONSerialization.data(withJSONObject: ["generator": "benchboard", "files": files])
        try data.write(to: output.appendingPathComponent(".benchboard-manifest.json"))
    }

    /// The history without "Sort": its page from an earlier render becomes stale.
    private func historyWithoutSort() -> ReportInput {
        let runs = [
            Fixtures.run(0, [Fixtures.ok("Parse", medianNs: 1_000_000)]),
            Fixtures.run(1, [Fixtures.ok("Parse", medianNs: 1_010_000)]),
        ]
        return ReportInput(runs: runs.map { ReportRun(record: $0, jsonHref: nil) })
    }

    func testUserFilesListedInTheManifestSurvive() throws {
        try ReportRenderer().write(Fixtures.history(), to: output)
        XCTAssertTrue(exists("benchmarks/sort.html"))
        let userFiles = [
            "README.md": "# Our benchmarks\n", "notes.md": "notes\n", "foo.html": "<p>ours</p>\n",
            "old.xml": "<old/>\n", "benchmarks/methodology.html": "<p>How we measure</p>\n",
        ]
        for (path, text) in userFiles {
            try Data(text.utf8).write(to: output.appendingPathComponent(path))
        }
        // A manifest that lists them (edited, or written by a buggy tool) must not cost the user anything.
        try writeManifest(["benchmarks/sort.html"] + userFiles.keys.sorted())

        try ReportRenderer().write(historyWithoutSort(), to: output)

        XCTAssertFalse(exists("benchmarks/sort.html"), "the stale page benchboard wrote itself goes")
        for (path, text) in userFiles {
            let kept = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            XCTAssertEqual(kept, text, "\(path) must survive unchanged")
        }
    }

    /// A file at one of benchboard's own names whose content is not a benchboard page is kept,
    /// and the render says why.
    func testOwnNameWithForeignContentIsKeptWithAWarning() throws {
        try ReportRenderer().write(Fixtures.history(), to: output)
        try Data("<p>replaced by hand</p>\n".utf8).write(to: pages.appendingPathComponent("sort.html"))
        try writeManifest(["benchmarks/sort.html", "README.md"])
        try Data("# Read me\n".utf8).write(to: output.appendingPathComponent("README.md"))

        let report = try ReportRenderer().writeReport(historyWithoutSort(), to: output)

        XCTAssertTrue(exists("benchmarks/sort.html"))
        XCTAssertTrue(exists("README.md"))
        XCTAssertEqual(report.kept.map(\.path).sorted(), ["README.md", "benchmarks/sort.html"])
        let warnings = report.warnings.joined(separator: "\n")
        XCTAssertTrue(report.warnings.count == 2, warnings)
        for warning in report.warnings {
            XCTAssertTrue(warning.contains("kept"), warning)
        }
        XCTAssertTrue(report.removed.isEmpty)
    }

    /// The stale page of a benchmark that left the history, written by benchboard, goes.
    func testStalePageOfOurOwnIsRemoved() throws {
        try ReportRenderer().write(Fixtures.history(), to: output)
        let report = try ReportRenderer().writeReport(historyWithoutSort(), to: output)
        XCTAssertFalse(exists("benchmarks/sort.html"))
        XCTAssertEqual(report.removed.map(\.lastPathComponent).sorted(), ["encode.html", "sort.html", "spin.html"])
        XCTAssertTrue(report.warnings.isEmpty, "\(report.warnings)")
    }
}

import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

final class EscapingTests: XCTestCase {
    static let hostileNames = ["<script>alert(1)</script>", "../../etc/passwd", "a\"b&c", "A\"B&C", "", "..", "/", "ünïcödé 名前"]

    func testSlugsAreSafeAndUnique() {
        var taken: Set<String> = []
        let slugs = Self.hostileNames.map { Slug.make($0, taken: &taken) }
        XCTAssertEqual(slugs, ["script-alert-1-script", "etc-passwd", "a-b-c", "a-b-c-2", "benchmark", "benchmark-2", "benchmark-3", "n-c-d"])
        for slug in slugs {
            XCTAssertTrue(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, slug)
            XCTAssertLessThanOrEqual(slug.count, 64)
        }
        XCTAssertEqual(Set(slugs).count, slugs.count)
        var more: Set<String> = []
        XCTAssertEqual(Slug.make(String(repeating: "x", count: 500), taken: &more).count, 60)
    }

    func testHostileNamesRenderAsTextAndNothingLeavesTheOutputFolder() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let control = "bell\u{7} nul\u{0} esc\u{1B}[31m"
        var benchmarks = Self.hostileNames.map { Fixtures.ok($0, group: "<g>&\"'", medianNs: 1000) }
        benchmarks.append(Fixtures.failed("fails </pre>", stderr: "</pre><script>x()</script>\n\(control)"))
        let record = Fixtures.run(0, benchmarks, subject: "<b>bold</b> & \"quoted\"")
        let input = ReportInput(
            runs: [ReportRun(record: record, jsonHref: "javascript:alert(1)")],
            warnings: ["Skipped <history>/x&y.json"])
        let written = try ReportRenderer().write(input, to: output)

        // Every file is inside the output folder, and nothing else appeared next to it.
        for file in written {
            XCTAssertTrue(file.standardizedFileURL.path.hasPrefix(output.standardizedFileURL.path + "/"), file.path)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"])
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("benchmarks").path)
        XCTAssertEqual(pages.count, Self.hostileNames.count + 1)

        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='script']").count, 0)
        let names = try Fixtures.texts(page, "//*[local-name()='tr'][starts-with(@id,'b-')]/*[local-name()='td'][2]/*[local-name()='a']")
        for name in Self.hostileNames { XCTAssertTrue(names.contains(name), "\(name) in \(names)") }
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h2'][starts-with(@id,'g-')]/text()"), ["core ", "<g>&\"' "])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='div'][@class='notice']//*[local-name()='li']"), ["Skipped <history>/x&y.json"])
        let stderr = try Fixtures.texts(page, "//*[local-name()='pre'][@class='stderr']")
        XCTAssertEqual(stderr, ["</pre><script>x()</script>\nbell\\u{7} nul\\u{0} esc\\u{1B}[31m"])
        let hrefs = try Fixtures.texts(page, "//@href")
        XCTAssertFalse(hrefs.contains { $0.contains("javascript") }, "\(hrefs)")
        let subject = try Fixtures.texts(page, "//*[local-name()='dd'][contains(., 'bold')]")
        XCTAssertEqual(subject, ["<b>bold</b> & \"quoted\""])

        for file in written where file.pathExtension == "html" {
            let document = try Fixtures.document(file)
            XCTAssertEqual(try document.nodes(forXPath: "//*[local-name()='script']").count, 0, file.lastPathComponent)
        }
        let scriptPage = try Fixtures.document(output.appendingPathComponent("benchmarks/script-alert-1-script.html"))
        XCTAssertEqual(try Fixtures.texts(scriptPage, "//*[local-name()='h1']"), ["<script>alert(1)</script>"])

        let junit = try Fixtures.document(output.appendingPathComponent("junit.xml"))
        let testcases = try Fixtures.texts(junit, "//testcase/@name")
        XCTAssertTrue(testcases.contains("a\"b&c"))
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase/@classname").first, "<g>&\"'")

        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertFalse(summary.contains("<script>"), "no live HTML in the pull-request comment")
        XCTAssertTrue(summary.contains("\\<script\\>alert(1)\\</script\\>"))
        XCTAssertFalse(summary.contains("\u{1B}"))
    }

    func testRenderingIntoAFolderWithDotsStaysInside() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("a/../b")
        let written = try ReportRenderer().write(Fixtures.history(), to: output)
        for file in written {
            XCTAssertTrue(file.path.hasPrefix(parent.appendingPathComponent("b").standardizedFileURL.path), file.path)
        }
    }

    /// A renamed benchmark's old page goes, because the previous render's manifest lists it;
    /// what that render did not write stays, and a manifest cannot point outside the folder.
    func testStaleBenchmarkPagesAreRemovedAndNothingElse() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let pages = output.appendingPathComponent("benchmarks")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        // A page benchboard wrote: it ends with the footer of every page.
        try Data("<html><body><main><footer><p>Rendered by benchboard from the JSON files</p></footer></main></body></html>\n".utf8)
            .write(to: pages.appendingPathComponent("renamed-away.html"))
        try Data("hand-written".utf8).write(to: pages.appendingPathComponent("methodology.html"))
        try Data("notes".utf8).write(to: pages.appendingPathComponent("notes.txt"))
        try Data("outside".utf8).write(to: parent.appendingPathComponent("outside.html"))
        try FileManager.default.createDirectory(at: pages.appendingPathComponent("folder.html"), withIntermediateDirectories: true)
        let manifest = #"{"generator":"benchboard","files":["benchmarks/renamed-away.html","benchmarks/folder.html","benchmarks/notes.txt","../outside.html","/etc/hostname"]}"#
        try Data(manifest.utf8).write(to: output.appendingPathComponent(".benchboard-manifest.json"))

        let written = try ReportRenderer().write(Fixtures.history(), to: output)
        let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: pages.path))
        XCTAssertFalse(remaining.contains("renamed-away.html"))
        XCTAssertTrue(remaining.contains("methodology.html"))
        XCTAssertTrue(remaining.contains("notes.txt"))
        XCTAssertTrue(remaining.contains("folder.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: parent.appendingPathComponent("outside.html").path))
        for file in written where file.deletingLastPathComponent().lastPathComponent == "benchmarks" {
            XCTAssertTrue(remaining.contains(file.lastPathComponent), file.path)
        }
        // The new manifest lists exactly what this render wrote.
        let data = try Data(contentsOf: output.appendingPathComponent(".benchboard-manifest.json"))
        let listed = try XCTUnwrap((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["files"] as? [String])
        XCTAssertEqual(Set(listed), Set(written.map { String($0.path.dropFirst(output.path.count + 1)) }))
    }
}

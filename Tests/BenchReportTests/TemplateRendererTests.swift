// Needs internal types; `swift test -c release` builds without testability, so debug only.
#if DEBUG
@testable import BenchReport
import BenchModel
import Foundation
import XCTest

/// `TemplateRenderer` may only fall back to the library, never disagree with it: every page of
/// varied histories, rendered both ways, has the same bytes; and every built-in template takes
/// the fast path (a template it cannot render still renders, through the library).
final class TemplateRendererTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testEveryBuiltInTemplateTakesTheFastPath() throws {
        let templates = try TemplateSet(overrides: nil)
        for name in EmbeddedTemplates.all.keys.sorted() {
            XCTAssertTrue(templates.hasFastPath(name), name)
        }
    }

    func testTheFastPathWritesTheLibrarysBytes() throws {
        try assertFastPathMatchesLibrary(Fixtures.history(), "small", in: folder)
        let archived = ArchiveFixtures.history(runs: 160, names: ["Parse", "Sort <all> & \"more\""]) { run, name in
            run % 37 == 5 && name == "Parse" ? nil : (run < 60 ? 1_000_000 : 1_500_000)
        }
        try assertFastPathMatchesLibrary(
            archived, options: ReportOptions(title: "It's <ours>", repositoryURL: "https://example.com/a&b"), "archived", in: folder)
        let generated = try GeneratedHistory.make(runs: 130, benchmarks: 8, in: folder.appendingPathComponent("history"))
        try assertFastPathMatchesLibrary(generated, "generated", in: folder)
    }

    /// An override the fast path does not render (a sequence transform) is rendered by the library.
    func testATemplateWithTransformsIsRenderedByTheLibrary() throws {
        let overrides = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: XHTML}}<p>{{period}}</p>{{#runs}}{{#first()}}first {{/first()}}{{anchor}};{{/runs}}\n".utf8)
            .write(to: overrides.appendingPathComponent("archive.mustache"))
        let templates = try TemplateSet(overrides: overrides)
        XCTAssertFalse(templates.hasFastPath("archive"))
        XCTAssertTrue(templates.hasFastPath("benchmark"))
        try assertFastPathMatchesLibrary(
            ArchiveFixtures.history(runs: 130), options: ReportOptions(templatesDirectory: overrides), "override", in: folder)
        let page = try String(
            contentsOf: folder.appendingPathComponent("fast-override/runs/2026-Q2.html"), encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<p>2026-Q2</p>first run-"), page)
    }
}
#endif

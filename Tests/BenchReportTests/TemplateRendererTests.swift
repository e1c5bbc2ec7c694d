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

    /// Every file of a report rendered through the fast path and through the library alone.
    private func assertSameReport(_ input: ReportInput, options: ReportOptions = .init(), _ label: String) throws {
        let fast = folder.appendingPathComponent("fast-\(label)")
        let library = folder.appendingPathComponent("library-\(label)")
        let written = try ReportRenderer(options: options, fastTemplates: true).write(input, to: fast)
        _ = try ReportRenderer(options: options, fastTemplates: false).write(input, to: library)
        XCTAssertGreaterThan(written.count, 5, label)
        for file in written {
            let relative = String(file.standardizedFileURL.path.dropFirst(fast.standardizedFileURL.path.count))
            let expected = try Data(contentsOf: URL(fileURLWithPath: library.path + relative))
            XCTAssertEqual(try Data(contentsOf: file), expected, "\(label): \(relative) differs from the library's")
        }
    }

    func testEveryBuiltInTemplateTakesTheFastPath() throws {
        let templates = try TemplateSet(overrides: nil)
        for name in EmbeddedTemplates.all.keys.sorted() {
            XCTAssertTrue(templates.hasFastPath(name), name)
        }
    }

    func testTheFastPathWritesTheLibrarysBytes() throws {
        try assertSameReport(Fixtures.history(), "small")
        let archived = ArchiveFixtures.history(runs: 160, names: ["Parse", "Sort <all> & \"more\""]) { run, name in
            run % 37 == 5 && name == "Parse" ? nil : (run < 60 ? 1_000_000 : 1_500_000)
        }
        try assertSameReport(archived, options: ReportOptions(title: "It's <ours>", repositoryURL: "https://example.com/a&b"), "archived")
        let generated = try GeneratedHistory.make(runs: 130, benchmarks: 8, in: folder.appendingPathComponent("history"))
        try assertSameReport(generated, "generated")
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
        try assertSameReport(ArchiveFixtures.history(runs: 130), options: ReportOptions(templatesDirectory: overrides), "override")
        let page = try String(
            contentsOf: folder.appendingPathComponent("fast-override/runs/2026-Q2.html"), encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<p>2026-Q2</p>first run-"), page)
    }
}
#endif

import BenchReport
import Foundation
import XCTest

final class TemplateOverrideTests: XCTestCase {
    func testOverrideReplacesTemplateByFileName() throws {
        let templates = try Fixtures.temporaryDirectory()
        let output = try Fixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: templates)
            try? FileManager.default.removeItem(at: output)
        }
        try Data("<p>{{#groups}}{{groupName}};{{/groups}}</p>".utf8).write(to: templates.appendingPathComponent("index.mustache"))
        try Data("/* custom */".utf8).write(to: templates.appendingPathComponent("style.css.mustache"))
        try Data("ignored".utf8).write(to: templates.appendingPathComponent("notes.txt"))
        let renderer = try ReportRenderer(options: ReportOptions(templatesDirectory: templates))
        try renderer.write(Fixtures.history(), to: output)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8), "<p>core;io;</p>")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("style.css"), encoding: .utf8), "/* custom */")
        // The others still come from the embedded set.
        let runs = try String(contentsOf: output.appendingPathComponent("runs.html"), encoding: .utf8)
        XCTAssertTrue(runs.hasPrefix("<!DOCTYPE html>"))
    }

    func testPartialsCanBeOverridden() throws {
        let templates = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: templates) }
        try Data("{{! empty footer }}</main></body></html>\n".utf8).write(to: templates.appendingPathComponent("foot.mustache"))
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try ReportRenderer(options: ReportOptions(templatesDirectory: templates)).write(Fixtures.history(), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("runs.html"))
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='footer']").count, 0)
    }

    func testInvalidTemplateIsNamed() throws {
        let templates = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: templates) }
        let file = templates.appendingPathComponent("runs.mustache")
        try Data("<p>\n{{#runs}}unclosed\n".utf8).write(to: file)
        XCTAssertThrowsError(try ReportRenderer(options: ReportOptions(templatesDirectory: templates))) { error in
            guard case ReportError.templateInvalid(let name, _, _, _) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(name, file.path)
            XCTAssertTrue("\(error)".contains("runs.mustache"), "\(error)")
        }
    }

    func testMissingFolderIsReported() {
        let missing = URL(fileURLWithPath: "/nonexistent/benchboard-templates")
        XCTAssertThrowsError(try ReportRenderer(options: ReportOptions(templatesDirectory: missing))) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/benchboard-templates"), "\(error)")
        }
    }

    func testUnwritableOutputIsNamed() throws {
        let file = try Fixtures.temporaryDirectory().appendingPathComponent("plain-file")
        try Data().write(to: file)
        XCTAssertThrowsError(try ReportRenderer().write(Fixtures.history(), to: file.appendingPathComponent("out"))) { error in
            guard case ReportError.cannotWrite(let path, _) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(path.contains("plain-file"), path)
        }
    }
}

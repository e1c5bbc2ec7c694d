// Needs internal types; `swift test -c release` builds without testability, so debug only.
#if DEBUG
@testable import BenchReport
import Foundation
import Mustache
import XCTest

/// The fast renderer reads view models through `TemplateFields` without casts. Every way a
/// template can use a field (as text, as a section, inverted, through "." and from an outer
/// frame) must render the library's bytes.
final class TemplateFieldsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A benchmark page template that reads fields every way, rendered both ways.
    func testEveryUseOfAFieldRendersTheLibrarysBytes() throws {
        let overrides = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        let template = """
            {{% CONTENT_TYPE: XHTML}}<h1>{{name}}</h1>{{{name}}}
            {{#charts}}[{{chartID}} {{hasLine}} {{{hasBand}}} {{target}} {{#target}}({{text}} {{position}} {{chartID}}){{/target}}\
            {{^target}}no target{{/target}}{{^points}}no points{{/points}}{{#points}}{{#title}}<{{.}}|{{x}}|{{name}}>{{/title}}{{/points}}\
            {{#hasLine}}{{line}}{{/hasLine}}{{^hasLine}}no line{{/hasLine}}{{^chartTitle}}none{{/chartTitle}}\
            {{#xTicks}}{{anchor}}:{{plotLeft}}:{{zoomLabel}};{{/xTicks}}{{#steps}}{{stepTitle}}{{/steps}}{{^steps}}no steps{{/steps}}]{{/charts}}
            {{#runRows}}<tr>{{#rowSpread}}{{.}}/{{rowDate}}{{/rowSpread}}{{^rowSpread}}-{{/rowSpread}}{{#rowChange}}{{text}}{{badgeClass}}{{rowMedian}}{{/rowChange}}\
            {{^rowChange}}none{{/rowChange}}{{rowChange}}{{#failure}}!{{/failure}}</tr>{{/runRows}}
            {{#failure}}{{#facts}}<li>{{.}}</li>{{/facts}}{{stderrTail}}{{/failure}}{{^failure}}ok{{/failure}}
            {{#facts}}{{label}}={{value}}{{.}};{{/facts}}{{^archiveLinks}}no archive{{/archiveLinks}}{{#archiveLinks}}{{href}}{{/archiveLinks}}
            {{memorySpreadText}}{{#memorySpreadText}}{{.}}{{/memorySpreadText}}{{^memorySpreadText}}none{{/memorySpreadText}}
            {{#verdicts}}{{metric}}{{#verdict}}{{text}}{{metric}}{{/verdict}}{{#detects}}{{hint}}{{/detects}}{{^note}}-{{/note}}{{/verdicts}}
            {{#processes}}{{round}}{{median}}{{/processes}}{{^processes}}no processes{{/processes}}{{noSuchField}}{{^noSuchField}}missing{{/noSuchField}}

            """
        try Data(template.utf8).write(to: overrides.appendingPathComponent("benchmark.mustache"))
        let options = ReportOptions(templatesDirectory: overrides, zoomWindows: [2])
        XCTAssertTrue(try TemplateSet(overrides: overrides).hasFastPath("benchmark"))
        try assertFastPathMatchesLibrary(Fixtures.history(), options: options, "fixtures", in: folder)
        let generated = try GeneratedHistory.make(runs: 40, benchmarks: 4, in: folder.appendingPathComponent("history"))
        try assertFastPathMatchesLibrary(generated, options: options, "generated", in: folder)
    }

    /// Fields keep what they held for the library: a string, a flag, a view, a list.
    func testFieldsSayWhatTheyHold() throws {
        let mark = MarkView(x: "1", y: "2", title: "t")
        guard case .text("t") = mark.field("title") else { return XCTFail("title") }
        let chart = try XCTUnwrap(
            BenchmarkPageBuilder(index: HistoryIndex(Fixtures.history(), options: .init()), options: .init()).build(name: "Parse")
                .charts.first)
        guard case let .views(points) = chart.field("points") else { return XCTFail("points") }
        XCTAssertEqual(points.count, chart.points.count)
        XCTAssertEqual(String(describing: points.element(at: 0)), String(describing: chart.points[0]))
        guard case .flag(chart.hasLine) = chart.field("hasLine") else { return XCTFail("hasLine") }
        XCTAssertNil(chart.field("noSuchField"))
        var row = BenchmarkPageBuilder(index: HistoryIndex(Fixtures.history(), options: .init()), options: .init())
            .build(name: "Parse").runRows[0]
        row.rowSpread = nil
        XCTAssertNil(row.field("rowSpread"), "a nil optional is no field, as for the library")
        XCTAssertNil(row.child(named: "rowSpread"))
    }

    /// A string pushed as a section's object is skipped when a name is looked up: its mirror
    /// has no labelled children, which the renderer relies on.
    func testAStringHasNoNamedChildren() {
        XCTAssertTrue(Mirror(reflecting: "stepDate").children.isEmpty)
        XCTAssertTrue(Mirror(reflecting: String(repeating: "long text ", count: 10)).children.isEmpty)
    }
}
#endif

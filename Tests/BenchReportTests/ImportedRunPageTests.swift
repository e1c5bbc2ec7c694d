import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A benchmark page says which tool an imported run's numbers came from.
final class ImportedRunPageTests: XCTestCase {
    func testBenchmarkPageNamesTheImportedFormat() throws {
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var copy = Fixtures.ok("BM_Copy", medianNs: 70)
        copy.timeoutMs = 0  // What `benchboard import` records.
        var imported = Fixtures.run(1, [copy])
        imported.kind = .imported
        imported.source = RunSource(format: "google-benchmark", files: ["gb.json"])
        let measured = Fixtures.run(2, [Fixtures.ok("Parse", medianNs: 1_000)])
        let input = ReportInput(runs: [imported, measured].map { ReportRun(record: $0) })
        try ReportRenderer(options: .init()).write(input, to: output)

        func fact(_ page: String) throws -> [String] {
            let document = try Fixtures.document(output.appendingPathComponent("benchmarks/\(page).html"))
            return try Fixtures.texts(
                document, "//*[local-name()='dl'][@class='facts']/*[*[local-name()='dt']='Imported from']/*[local-name()='dd']")
        }
        XCTAssertEqual(try fact("bm-copy"), ["google-benchmark"])
        XCTAssertEqual(try fact("parse"), [], "a measured run names no tool")
        let labels = try Fixtures.texts(
            try Fixtures.document(output.appendingPathComponent("benchmarks/bm-copy.html")),
            "//*[local-name()='dl'][@class='facts']//*[local-name()='dt']")
        XCTAssertFalse(labels.contains("Timeout"), "an imported result has no timeout of ours: \(labels)")
    }
}

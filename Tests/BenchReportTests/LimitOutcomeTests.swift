import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A benchmark stopped at a resource limit reads as such in every output format.
final class LimitOutcomeTests: XCTestCase {
    private func history() -> ReportInput {
        let hog = BenchmarkResult(
            name: "Hog", group: "core", kind: .command, mode: .isolated, outcome: .limit,
            error: "went over its max_memory_mb limit of 64 MB (cgroup v1 memory.limit_in_bytes)", timeoutMs: 2000,
            warmup: 0, samplesNs: [], resources: Resources(totalMs: 40),
            limits: [AppliedLimit(resource: .memory, value: 64, mechanism: "cgroup v1 memory.limit_in_bytes")],
            limitHit: .memory)
        let run = Fixtures.run(0, [Fixtures.ok("Parse", medianNs: 1_000_000), hog])
        return ReportInput(runs: [ReportRun(record: run, jsonHref: "history/\(run.id).json")])
    }

    func testJUnitFailureNamesTheLimit() throws {
        let xml = try ReportRenderer(options: .init()).junitXML(history())
        let document = try XMLDocument(data: Data(xml.utf8))
        XCTAssertEqual(try Fixtures.texts(document, "//testcase[@name='Hog']/failure/@type"), ["limit"])
        let message = try Fixtures.texts(document, "//testcase[@name='Hog']/failure/@message").first ?? ""
        XCTAssertTrue(message.contains("max_memory_mb limit of 64 MB"), message)
        XCTAssertEqual(try Fixtures.texts(document, "/testsuites/@failures"), ["1"])
    }

    func testPagesSayWhichLimitStoppedIt() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try ReportRenderer(options: .init()).write(history(), to: folder)
        let page = try XCTUnwrap(written.first { $0.lastPathComponent.hasPrefix("hog") })
        let document = try Fixtures.document(page)
        let facts = try Fixtures.texts(document, "//*[local-name()='body']//text()[contains(., 'max_memory_mb')]")
        XCTAssertTrue(facts.contains { $0.contains("Stopped at its max_memory_mb limit") }, "\(facts)")
        let index = try Fixtures.document(folder.appending(path: "index.html"))
        let words = try Fixtures.texts(index, "//*[local-name()='body']//text()[contains(., 'hit a limit')]")
        XCTAssertFalse(words.isEmpty)
    }
}

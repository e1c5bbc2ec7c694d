import BenchModel
import BenchReport
import Foundation
import XCTest

/// The page cache lets a report skip the quarters' archives whose runs did not change, and never
/// changes a byte: every render through it equals a render without it.
final class PageCacheTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// `count` daily runs, each with a fingerprint of its own.
    private func history(_ count: Int) -> ReportInput {
        var input = ArchiveFixtures.history(runs: count, names: ["Parse", "Sort"]) { run, name in
            run % 41 == 7 && name == "Sort" ? nil : 1_000_000
        }
        for index in input.runs.indices { input.runs[index].fingerprint = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 ^ 0x55 }
        return input
    }

    private func files(_ output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(output.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Renders through the cache into `site`, and without it into a fresh folder: the same files.
    @discardableResult
    private func render(
        _ input: ReportInput, options: ReportOptions = .init(), version: String = "1.0", _ label: String
    ) throws -> WrittenReport {
        let site = folder.appendingPathComponent("site")
        let cache = PageCache(directory: folder.appendingPathComponent("cache"), version: version)
        let report = try ReportRenderer(options: options).writeReport(input, to: site, pageCache: cache)
        XCTAssertTrue(report.warnings.isEmpty, "\(label): \(report.warnings)")
        let plain = folder.appendingPathComponent("plain-\(UUID().uuidString)")
        try ReportRenderer(options: options).write(input, to: plain)
        let cached = try files(site)
        let expected = try files(plain)
        XCTAssertEqual(cached.keys.sorted(), expected.keys.sorted(), label)
        for (name, data) in expected where cached[name] != data { XCTFail("\(label): \(name) differs through the page cache") }
        try FileManager.default.removeItem(at: plain)
        return report
    }

    /// The archive files written: a run list and a CSV per quarter.
    private func archiveCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("site/runs").path).count
    }

    func testAWarmReportRendersOnlyTheQuartersThatChanged() throws {
        // Ten runs in the table: the archives hold 2026-Q2 to Q4, and the next run lands in Q4.
        let options = ReportOptions(runTableLimit: 10)
        let cold = try render(history(200), options: options, "cold")
        let archives = try archiveCount()
        XCTAssertEqual(archives, 6)
        XCTAssertEqual(cold.reusedPages, 0)
        XCTAssertEqual(cold.renderedPages, archives)

        let unchanged = try render(history(200), options: options, "unchanged")
        XCTAssertEqual(unchanged.reusedPages, archives)
        XCTAssertEqual(unchanged.renderedPages, 0)

        // One new run: its quarter's run list and CSV change, the two older quarters do not.
        let warm = try render(history(201), options: options, "one new run")
        XCTAssertEqual(warm.renderedPages, 2)
        XCTAssertEqual(warm.reusedPages, archives - 2)
    }

    func testSettingsTemplatesAndVersionsRenderEveryPageAgain() throws {
        let input = history(180)
        try render(input, "cold")
        let archives = try archiveCount()
        XCTAssertEqual(try render(input, options: ReportOptions(title: "Another title"), "title").reusedPages, 0)
        XCTAssertEqual(try render(input, options: ReportOptions(title: "Another title"), "title again").reusedPages, archives)
        XCTAssertEqual(try render(input, options: ReportOptions(title: "Another title", runTableLimit: 90), "table").reusedPages, 0)

        let overrides = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: XHTML}}<footer>ours</footer>\n".utf8).write(to: overrides.appendingPathComponent("foot.mustache"))
        let overridden = ReportOptions(title: "Another title", templatesDirectory: overrides, runTableLimit: 90)
        XCTAssertEqual(try render(input, options: overridden, "override").reusedPages, 0)
        XCTAssertEqual(try render(input, options: overridden, "override again").reusedPages, try archiveCount())
        XCTAssertEqual(try render(input, options: overridden, version: "1.1", "new version").reusedPages, 0)
    }

    func testAPageChangedOrRemovedInTheSiteIsRenderedAgain() throws {
        let input = history(180)
        try render(input, "cold")
        let folder = self.folder.appendingPathComponent("site/runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names, ["2026-Q2.csv", "2026-Q2.html", "2026-Q3.csv", "2026-Q3.html"])
        let edited = folder.appendingPathComponent(names[0])
        let original = try Data(contentsOf: edited)
        var changed = original
        changed[changed.count / 2] ^= 0x20
        try changed.write(to: edited)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(names[3]))
        // Both quarters are rendered again, each with its run list and its CSV.
        let report = try render(input, "edited and removed")
        XCTAssertEqual(report.renderedPages, 4)
        XCTAssertEqual(try Data(contentsOf: edited), original)
    }

    func testRunsWithoutFingerprintsAreAlwaysRendered() throws {
        var input = history(150)
        input.runs[3].fingerprint = nil
        try render(input, "cold")
        let again = try render(input, "again")
        XCTAssertEqual(again.reusedPages, try archiveCount() - 2, "the quarter of the run without a fingerprint: its run list and its CSV")
    }

    func testADamagedCacheFileIsIgnored() throws {
        let input = history(150)
        try render(input, "cold")
        let file = PageCache(directory: folder.appendingPathComponent("cache"), version: "1.0").file
        try Data("{\"format\": 1, \"pag".utf8).write(to: file)
        XCTAssertEqual(try render(input, "damaged").reusedPages, 0)
        XCTAssertGreaterThan(try render(input, "rebuilt").reusedPages, 0)
    }
}

import BenchModel
import BenchReport
import Foundation
import XCTest

/// The page cache lets a report skip the archive pages whose runs did not change, and never
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

    private func archiveCount() throws -> Int {
        try ["parse", "sort"].map {
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("site/benchmarks/\($0)/archive").path).count
        }.reduce(0, +)
    }

    func testAWarmReportRendersOnlyTheMonthsThatChanged() throws {
        let cold = try render(history(200), "cold")
        let archives = try archiveCount()
        XCTAssertGreaterThan(archives, 4)
        XCTAssertEqual(cold.reusedPages, 0)
        XCTAssertEqual(cold.renderedPages, archives)

        let unchanged = try render(history(200), "unchanged")
        XCTAssertEqual(unchanged.reusedPages, archives)
        XCTAssertEqual(unchanged.renderedPages, 0)

        // One new run: one run per benchmark leaves the table for the archive, one month each.
        let warm = try render(history(201), "one new run")
        XCTAssertEqual(warm.renderedPages, 2)
        XCTAssertEqual(warm.reusedPages, try archiveCount() - 2)
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
        let folder = self.folder.appendingPathComponent("site/benchmarks/parse/archive")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let edited = folder.appendingPathComponent(names[0])
        let original = try Data(contentsOf: edited)
        var changed = original
        changed[changed.count / 2] ^= 0x20
        try changed.write(to: edited)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(names[1]))
        let report = try render(input, "edited and removed")
        XCTAssertEqual(report.renderedPages, 2)
        XCTAssertEqual(try Data(contentsOf: edited), original)
    }

    func testRunsWithoutFingerprintsAreAlwaysRendered() throws {
        var input = history(150)
        input.runs[3].fingerprint = nil
        try render(input, "cold")
        let again = try render(input, "again")
        XCTAssertEqual(again.reusedPages, try archiveCount() - 2, "the month of the run without a fingerprint, in both benchmarks")
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

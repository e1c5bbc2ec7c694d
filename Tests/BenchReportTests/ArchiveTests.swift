import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A benchmark page lists its newest runs; older ones live in archive pages per month, written
/// only when their month changes and removed like any stale page.
final class ArchiveTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private let runRows = "//*[local-name()='h2'][starts-with(., 'Runs')]/following-sibling::*[1]//*[local-name()='tbody']/*[local-name()='tr']"
    private let archiveLinks = "//*[local-name()='p'][@class='archives']/*[local-name()='a']/@href"
    private let archiveRows = "//*[local-name()='table'][@class='archive']/*[local-name()='tbody']/*[local-name()='tr']"

    private func archiveFiles(_ slug: String) throws -> [String] {
        let folder = output.appendingPathComponent("benchmarks/\(slug)/archive")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    private func anchor(_ input: ReportInput, _ index: Int) -> String { "run-" + input.runs[index].record.id }

    /// 160 daily runs with a step at run 20: the table lists the newest 100, the archives hold
    /// the 60 before them once each, and the step's link reaches its run in the archive.
    func testTableListsTheNewestRunsAndArchivesHoldEveryOlderRunOnce() throws {
        let input = ArchiveFixtures.history(runs: 160) { run, _ in run < 20 ? 1_000_000 : 1_600_000 }
        try ReportRenderer().write(input, to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))

        let rows = try page.nodes(forXPath: runRows)
        XCTAssertEqual(rows.count, 100)
        let tableIDs = try Fixtures.texts(page, "\(runRows)/@id")
        XCTAssertEqual(tableIDs, (60..<160).reversed().map { anchor(input, $0) }, "newest first, one id per run")

        let links = try Fixtures.texts(page, archiveLinks)
        let periods = Set((0..<60).map { ArchiveFixtures.period(input, $0) }).sorted()
        XCTAssertGreaterThan(periods.count, 1, "the archived runs span months")
        XCTAssertEqual(links, periods.map { "parse/archive/\($0).html" })
        XCTAssertEqual(try archiveFiles("parse"), periods.map { "\($0).html" })

        var archived: [String] = []
        for link in links {
            let archive = try Fixtures.document(output.appendingPathComponent("benchmarks").appendingPathComponent(link))
            let ids = try Fixtures.texts(archive, "\(archiveRows)/@id")
            XCTAssertFalse(ids.isEmpty, link)
            archived += ids
            let back = try Fixtures.texts(archive, "//*[local-name()='a'][. = 'back to the benchmark']/@href")
            XCTAssertEqual(back, ["../../parse.html"])
        }
        XCTAssertEqual(archived.count, 60)
        XCTAssertEqual(Set(archived), Set((0..<60).map { anchor(input, $0) }), "every older run once")

        // The step at run 20 is long out of the table: its link goes to the archive entry.
        let stepLinks = try Fixtures.texts(
            page, "//*[local-name()='h2'][. = 'Step changes']/following-sibling::*[1]//*[local-name()='a'][starts-with(@href, 'parse/archive/')]/@href")
        XCTAssertEqual(stepLinks, ["parse/archive/\(ArchiveFixtures.period(input, 20)).html#\(anchor(input, 20))"])
        if let link = stepLinks.first, let hash = link.firstIndex(of: "#") {
            let archive = try Fixtures.document(output.appendingPathComponent("benchmarks/" + link[..<hash]))
            XCTAssertEqual(try archive.nodes(forXPath: "//*[@id='\(link[link.index(after: hash)...])']").count, 1)
        }
    }

    /// A month whose runs did not change keeps its file: same bytes, same modification time.
    func testAnUnchangedMonthIsNotRewritten() throws {
        try ReportRenderer().write(ArchiveFixtures.history(runs: 160), to: output)
        let files = try archiveFiles("parse")
        XCTAssertGreaterThan(files.count, 1)
        let folder = output.appendingPathComponent("benchmarks/parse/archive")
        let old = Date(timeIntervalSince1970: 946_684_800)
        var before: [String: Data] = [:]
        for file in files {
            let url = folder.appendingPathComponent(file)
            before[file] = try Data(contentsOf: url)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        }

        // One more run: one run leaves the table for the newest archived month only.
        try ReportRenderer().write(ArchiveFixtures.history(runs: 161), to: output)
        let after = try archiveFiles("parse")
        let changed = try after.filter { file in
            let url = folder.appendingPathComponent(file)
            let modified = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            let same = try Data(contentsOf: url) == before[file]
            XCTAssertEqual(same, modified == old, "\(file): rewritten exactly when its bytes changed")
            return !same
        }
        XCTAssertEqual(changed, [after.last].compactMap { $0 }, "only the newest month gained a run")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent(".benchboard-manifest.json")))
        let listed = ((manifest as? [String: Any])?["files"] as? [String] ?? []).filter { $0.hasPrefix("benchmarks/parse/archive/") }
        XCTAssertEqual(listed, after.map { "benchmarks/parse/archive/\($0)" }, "the manifest lists the unchanged ones too")
    }

    /// Archives that are no longer written (the table now lists every run) go, with their folders.
    func testStaleArchivesAreRemoved() throws {
        try ReportRenderer().write(ArchiveFixtures.history(runs: 160), to: output)
        let archives = try archiveFiles("parse")
        XCTAssertFalse(archives.isEmpty)
        let written = try ReportRenderer(options: .init(runTableLimit: 500)).writeReport(ArchiveFixtures.history(runs: 160), to: output)
        XCTAssertEqual(try archiveFiles("parse"), [])
        XCTAssertEqual(written.removed.map(\.lastPathComponent).sorted(), archives)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("benchmarks/parse").path), "empty folders go too")
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertEqual(try page.nodes(forXPath: runRows).count, 160)
        XCTAssertEqual(try Fixtures.texts(page, archiveLinks), [])
    }

    /// Hostile benchmark names and run ids stay text in archive pages, and the anchors stay ids.
    func testHostileNamesAndRunIDsStayEscapedInArchives() throws {
        let hostile = "<>&\"/.. <script>alert(1)</script>"
        var input = ArchiveFixtures.history(runs: 130, names: [hostile])
        input.runs[3].record.id = "../\"<a>&'#x"
        try ReportRenderer().write(input, to: output)
        let slugs = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("benchmarks").path)
            .filter { !$0.hasSuffix(".html") }
        XCTAssertEqual(slugs, ["script-alert-1-script"])
        var names: [String] = []
        var ids: [String] = []
        for file in try archiveFiles("script-alert-1-script") {
            let archive = try Fixtures.document(output.appendingPathComponent("benchmarks/script-alert-1-script/archive/\(file)"))
            names += try Fixtures.texts(archive, "//*[local-name()='h1']")
            ids += try Fixtures.texts(archive, "\(archiveRows)/@id")
            XCTAssertEqual(try archive.nodes(forXPath: "//*[local-name()='script']").count, 0)
        }
        XCTAssertFalse(names.isEmpty)
        for name in names { XCTAssertTrue(name.hasPrefix(hostile + " · "), name) }
        XCTAssertEqual(ids.count, 30)
        XCTAssertTrue(ids.contains("run-.._2f_22_3ca_3e_26_27_23x"), "\(ids.filter { $0.contains("_") })")
        for id in ids {
            XCTAssertTrue(id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-._".unicodeScalars.contains($0) }, id)
        }
    }
}

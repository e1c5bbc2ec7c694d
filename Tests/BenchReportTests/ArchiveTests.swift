import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// runs.html and the benchmark pages list the newest runs; every run is also in the archive of
/// its quarter (a run list and a CSV of medians), written only when the quarter changes and
/// removed like any stale page.
final class ArchiveTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private let benchmarkRows = "//*[local-name()='h2'][starts-with(., 'Runs')]/following-sibling::*[1]//*[local-name()='tbody']/*[local-name()='tr']"
    private let runRows = "//*[local-name()='table']/*[local-name()='tbody']/*[local-name()='tr']"
    private let archiveLinks = "//*[local-name()='p'][@class='archives']/*[local-name()='a']"

    private func archiveFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("runs").path)) ?? []).sorted()
    }

    private func anchor(_ input: ReportInput, _ index: Int) -> String { "run-" + input.runs[index].record.id }

    /// 160 daily runs from 2026-05-28 with a step at run 20: runs.html and the benchmark's table
    /// list the newest 100; the quarters of the 60 before them (2026-Q2, runs 0–33, and 2026-Q3,
    /// runs 34–125) have archives holding each of their runs once, and the step's link reaches its run.
    func testTablesListTheNewestRunsAndEachOlderQuarterHoldsEveryRunOfItOnce() throws {
        let input = ArchiveFixtures.history(runs: 160) { run, _ in run < 20 ? 1_000_000 : 1_600_000 }
        try ReportRenderer().write(input, to: output)
        XCTAssertEqual(ArchiveFixtures.period(input, 33), "2026-Q2")
        XCTAssertEqual(ArchiveFixtures.period(input, 34), "2026-Q3")
        XCTAssertEqual(ArchiveFixtures.period(input, 125), "2026-Q3")
        XCTAssertEqual(ArchiveFixtures.period(input, 126), "2026-Q4")

        let runs = try Fixtures.document(output.appendingPathComponent("runs.html"))
        XCTAssertEqual(try Fixtures.texts(runs, "\(runRows)/@id"), (60..<160).reversed().map { anchor(input, $0) }, "newest first")
        XCTAssertEqual(
            try Fixtures.texts(runs, "\(archiveLinks)/@href"),
            ["runs/2026-Q2.html", "runs/2026-Q2.csv", "runs/2026-Q3.html", "runs/2026-Q3.csv"])
        XCTAssertEqual(archiveFiles(), ["2026-Q2.csv", "2026-Q2.html", "2026-Q3.csv", "2026-Q3.html"])

        var archived: [String] = []
        for (period, members) in [("2026-Q2", 0...33), ("2026-Q3", 34...125)] {
            let archive = try Fixtures.document(output.appendingPathComponent("runs/\(period).html"))
            let ids = try Fixtures.texts(archive, "\(runRows)/@id")
            XCTAssertEqual(ids, members.reversed().map { anchor(input, $0) }, "\(period): every run of the quarter, newest first")
            archived += ids
            XCTAssertEqual(try Fixtures.texts(archive, "//*[local-name()='a'][. = 'back to the newest runs']/@href"), ["../runs.html"])
            XCTAssertEqual(try Fixtures.texts(archive, "//*[local-name()='a'][. = '\(period).csv']/@href"), ["\(period).csv"])
            XCTAssertEqual(try archive.nodes(forXPath: "//*[local-name()='span'][. = 'latest']").count, 0, "nothing that changes later")
        }
        XCTAssertEqual(Set(archived).count, archived.count, "every run once")

        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        XCTAssertEqual(try Fixtures.texts(page, "\(benchmarkRows)/@id"), (60..<160).reversed().map { anchor(input, $0) })
        XCTAssertEqual(
            try Fixtures.texts(page, "\(archiveLinks)/@href"),
            ["../runs/2026-Q2.html", "../runs/2026-Q2.csv", "../runs/2026-Q3.html", "../runs/2026-Q3.csv"])
        // The step at run 20 is long out of the tables: its link goes to the run's archive entry.
        let stepLinks = try Fixtures.texts(
            page, "//*[local-name()='h2'][. = 'Step changes']/following-sibling::*[1]//*[local-name()='a'][starts-with(@href, '../runs/')]/@href")
        XCTAssertEqual(stepLinks, ["../runs/2026-Q2.html#\(anchor(input, 20))"])
        let archive = try Fixtures.document(output.appendingPathComponent("runs/2026-Q2.html"))
        XCTAssertEqual(try archive.nodes(forXPath: "//*[@id='\(anchor(input, 20))']").count, 1)
    }

    /// The CSV names each run once and gives each benchmark a column: its median as the pages
    /// compute it, unrounded, its outcome when it failed, nothing when it was not in the run.
    func testTheQuarterCSVHoldsEveryBenchmarksMedianPerRun() throws {
        var input = ArchiveFixtures.history(runs: 130, names: ["Parse", "Encode"]) { run, name in
            name == "Encode" && run == 5 ? nil : 1_000_000 + Double(run) * 10.5
        }
        input.runs[7].record.benchmarks.removeAll { $0.name == "Parse" }
        try ReportRenderer().write(input, to: output)
        let text = try String(contentsOf: output.appendingPathComponent("runs/2026-Q2.csv"), encoding: .utf8)
        let rows = CSV.parse(text)
        XCTAssertEqual(rows.first, ["benchboard run", "started (UTC)", "commit", "branch", "Parse (ns)", "Encode (ns)"])
        XCTAssertEqual(rows.count, 1 + 34, "a header and the quarter's runs 0–33, oldest first")
        for run in 0...33 {
            let record = input.runs[run].record
            let row = rows[run + 1]
            XCTAssertEqual(Array(row[0..<4]), [record.id, ISO8601DateFormatter().string(from: record.startedAt), record.git?.commit ?? "", "main"])
            let parse = record.benchmarks.first { $0.name == "Parse" }
            XCTAssertEqual(row[4], parse.flatMap(\.medianNs).map { Double($0) }.map(Self.number) ?? "", "run \(run)")
            if run == 5 {
                XCTAssertEqual(row[5], "failed")
            } else {
                let encode = try XCTUnwrap(record.benchmarks.first { $0.name == "Encode" }?.medianNs)
                XCTAssertEqual(Double(row[5]), encode, "run \(run): the median, unrounded")
            }
        }
        XCTAssertEqual(rows[8][4], "", "Parse was not in run 7")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : "\(value)"
    }

    /// A quarter whose runs did not change keeps its files: same bytes, same modification time.
    func testAnUnchangedQuarterIsNotRewritten() throws {
        let options = ReportOptions(runTableLimit: 10)
        try ReportRenderer(options: options).write(ArchiveFixtures.history(runs: 160), to: output)
        let files = archiveFiles()
        XCTAssertEqual(files, ["2026-Q2.csv", "2026-Q2.html", "2026-Q3.csv", "2026-Q3.html", "2026-Q4.csv", "2026-Q4.html"])
        let folder = output.appendingPathComponent("runs")
        let old = Date(timeIntervalSince1970: 946_684_800)
        var before: [String: Data] = [:]
        for file in files {
            let url = folder.appendingPathComponent(file)
            before[file] = try Data(contentsOf: url)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        }

        // One more run, in 2026-Q4: only that quarter's files change.
        try ReportRenderer(options: options).write(ArchiveFixtures.history(runs: 161), to: output)
        XCTAssertEqual(archiveFiles(), files)
        let changed = try files.filter { file in
            let url = folder.appendingPathComponent(file)
            let modified = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            let same = try Data(contentsOf: url) == before[file]
            XCTAssertEqual(same, modified == old, "\(file): rewritten exactly when its bytes changed")
            return !same
        }
        XCTAssertEqual(changed, ["2026-Q4.csv", "2026-Q4.html"])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent(".benchboard-manifest.json")))
        let listed = ((manifest as? [String: Any])?["files"] as? [String] ?? []).filter { $0.hasPrefix("runs/") }
        XCTAssertEqual(listed, files.map { "runs/\($0)" }, "the manifest lists the unchanged ones too")
    }

    /// Archives that are no longer written (runs.html now lists every run) go, with their folder,
    /// and so do the per-benchmark monthly archive pages earlier versions wrote.
    func testStaleArchivesAndEarlierVersionsArchivePagesAreRemoved() throws {
        try ReportRenderer().write(ArchiveFixtures.history(runs: 160), to: output)
        let archives = archiveFiles()
        XCTAssertFalse(archives.isEmpty)
        // A per-benchmark archive page as earlier versions wrote it, listed in their manifest.
        let legacy = output.appendingPathComponent("benchmarks/parse/archive")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        try Data("<html><body><footer><p>Rendered by benchboard</p></footer></body></html>".utf8)
            .write(to: legacy.appendingPathComponent("2026-05.html"))
        let manifestURL = output.appendingPathComponent(".benchboard-manifest.json")
        var manifest = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        manifest["files"] = (manifest["files"] as? [String] ?? []) + ["benchmarks/parse/archive/2026-05.html"]
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)

        let written = try ReportRenderer(options: .init(runTableLimit: 500)).writeReport(ArchiveFixtures.history(runs: 160), to: output)
        XCTAssertEqual(written.removed.map(\.lastPathComponent).sorted(), (archives + ["2026-05.html"]).sorted())
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("runs").path), "the empty folder goes too")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("benchmarks/parse").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("benchmarks/parse.html").path))
        let runs = try Fixtures.document(output.appendingPathComponent("runs.html"))
        XCTAssertEqual(try runs.nodes(forXPath: runRows).count, 160)
        XCTAssertEqual(try Fixtures.texts(runs, "\(archiveLinks)/@href"), [])
    }

    /// Hostile benchmark names and run ids stay text in archives: escaped in the page, quoted in
    /// the CSV and never a spreadsheet formula; anchors stay ids.
    func testHostileNamesAndRunIDsStayTextInArchives() throws {
        let hostile = "<>&\"/.. <script>alert(1)</script>"
        var input = ArchiveFixtures.history(runs: 130, names: [hostile, "=HYPERLINK(\"x\"), 1"])
        input.runs[3].record.id = "../\"<a>&'#x"
        input.runs[4].record.git?.branch = "@evil,\"branch\""
        try ReportRenderer().write(input, to: output)
        let archive = try Fixtures.document(output.appendingPathComponent("runs/2026-Q2.html"))
        XCTAssertEqual(try archive.nodes(forXPath: "//*[local-name()='script']").count, 0)
        let ids = try Fixtures.texts(archive, "\(runRows)/@id")
        XCTAssertEqual(ids.count, 34)
        XCTAssertTrue(ids.contains("run-.._2f_22_3ca_3e_26_27_23x"), "\(ids.filter { $0.contains("_") })")
        for id in ids {
            XCTAssertTrue(id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-._".unicodeScalars.contains($0) }, id)
        }
        let rows = CSV.parse(try String(contentsOf: output.appendingPathComponent("runs/2026-Q2.csv"), encoding: .utf8))
        XCTAssertEqual(Array(rows[0][4...]), [hostile + " (ns)", "'=HYPERLINK(\"x\"), 1 (ns)"])
        XCTAssertEqual(rows[4][0], "../\"<a>&'#x")
        XCTAssertEqual(rows[5][3], "'@evil,\"branch\"")
        XCTAssertEqual(Set(rows.map(\.count)), [6], "every row as wide as the header")
    }
}

/// RFC 4180, enough to read back what the archive writes.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}

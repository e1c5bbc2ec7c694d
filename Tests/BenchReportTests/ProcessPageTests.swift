import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A benchmark page shows the latest run's processes apart: each one's median and outcome, and the
/// machine's load and steal while it ran, so a noisy neighbour is visible; and the facts of how it
/// was measured (batch size, clock cost, scaling factor).
final class ProcessPageTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    /// Four processes of five samples: the third ran on a busy machine and is 40 % slower, the
    /// fourth had CPU stolen; their memory figures disagree.
    static func measured(_ name: String, scalingFactor: Int? = nil) -> BenchmarkResult {
        var result = Fixtures.ok(name, medianNs: 1_000_000)
        let levels: [Double] = [1_000_000, 1_010_000, 1_400_000, 990_000]
        result.samplesNs = levels.flatMap { level in (0..<5).map { Int64(level + Double($0) * 1_000) } }
        result.processes = levels.indices.map { index in
            ProcessRecord(
                round: index + 1, samples: 5, outcome: .ok, maxRSSBytes: 3_000_000,
                memoryGrowthBytes: index == 2 ? 900_000 : 46_000, cpuUserUs: 5_000, cpuSystemUs: 500, wallMs: 9.5,
                iterations: 7, machineBusy: index == 2 ? 0.97 : 0.52, steal: index == 3 ? 0.08 : 0.0)
        }
        result.batchSize = 64
        result.scalingFactor = scalingFactor
        return result
    }

    func testLatestProcessesBusyMachineAndMeasurementFacts() throws {
        var runs = [Fixtures.run(0, [Fixtures.ok("Hash", medianNs: 1_000_000)]), Fixtures.run(1, [Self.measured("Hash", scalingFactor: 1000)])]
        runs[1].clockCostNs = 21.4
        try ReportRenderer().write(ReportInput(runs: runs.map { ReportRun(record: $0) }), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/hash.html"))

        let rows = "//*[local-name()='section'][@class='processes']//*[local-name()='tbody']/*[local-name()='tr']"
        XCTAssertEqual(try page.nodes(forXPath: rows).count, 4, "one row per process")
        XCTAssertEqual(try Fixtures.texts(page, rows + "/*[local-name()='td'][2]"), ["1.00 ms", "1.01 ms", "1.40 ms", "992 µs"])
        XCTAssertEqual(try Fixtures.texts(page, rows + "/*[local-name()='td'][3]"), ["-0.5%", "+0.5%", "+39.2%", "-1.5%"])
        XCTAssertEqual(try Fixtures.texts(page, rows + "/*[local-name()='td'][5]"), ["52%", "52%", "97%", "52%"])
        XCTAssertEqual(try Fixtures.texts(page, rows + "/*[local-name()='td'][6]"), ["0%", "0%", "0%", "8%"])
        XCTAssertEqual(try Fixtures.texts(page, rows + "/@class"), ["", "", "busy", "busy"], "the noisy neighbour is marked")
        XCTAssertEqual(try Fixtures.texts(page, rows + "/*[local-name()='td'][1]"), ["1", "2", "3", "4"], "rounds")

        // Processes that disagree on memory: the spread, not one figure.
        let notice = try Fixtures.texts(page, "//*[local-name()='div'][@class='notice']")
        XCTAssertEqual(notice.count, 1)
        XCTAssertTrue(try XCTUnwrap(notice.first).contains("44.9 KB – 878.9 KB over 4 processes"), "\(notice)")

        let facts = Dictionary(
            uniqueKeysWithValues: zip(
                try Fixtures.texts(page, "//*[local-name()='dl']/*/*[local-name()='dt']"),
                try Fixtures.texts(page, "//*[local-name()='dl']/*/*[local-name()='dd']")))
        XCTAssertEqual(facts["Batch size"], "64 iterations per sample; times are per iteration")
        XCTAssertEqual(facts["Clock cost"], "21.4 ns per reading")
        XCTAssertEqual(facts["Rounds"], "4, one process each")
        XCTAssertEqual(facts["Times"], "per inner iteration (× 1000)")
        let line = try XCTUnwrap(try Fixtures.texts(page, "//*[local-name()='p'][contains(@class,'resultline')]").first)
        XCTAssertTrue(line.contains(" per inner iteration (× 1000)"), line)
        let newest = "//*[local-name()='h2'][starts-with(., 'Runs')]/following-sibling::*[1]//*[local-name()='tbody']/*[local-name()='tr'][1]"
        XCTAssertEqual(
            try Fixtures.texts(page, newest + "/*[local-name()='td'][4]/*[local-name()='span'][last()]"), ["per inner iteration (× 1000)"])

        // The dashboard shows the spread of memory and the scaling next to the median.
        let dashboard = try Fixtures.document(output.appendingPathComponent("index.html"))
        let row = "//*[local-name()='tr'][@id='b-hash']"
        XCTAssertEqual(
            try Fixtures.texts(dashboard, row + "/*[local-name()='td'][5]/*[contains(@class,'noisy')]"),
            ["44.9 KB – 878.9 KB"])
        XCTAssertEqual(
            try Fixtures.texts(dashboard, row + "/*[local-name()='td'][3]/*[contains(@class,'note')]"), ["per inner iteration (× 1000)"])
    }

    /// A result without process records (an import, an older run) shows no process table.
    func testNoProcessTableWithoutRecordedProcesses() throws {
        var hash = Fixtures.ok("Hash", medianNs: 1_000_000)
        hash.processes = nil
        let runs = [Fixtures.run(0, [hash])]
        try ReportRenderer().write(ReportInput(runs: runs.map { ReportRun(record: $0) }), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/hash.html"))
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='section'][@class='processes']").count, 0)
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='div'][@class='notice']").count, 0)
    }
}

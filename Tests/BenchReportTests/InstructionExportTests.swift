import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import RecordSupport
import XCTest

/// compare's text and JSON for benchmarks that count instructions.
final class InstructionExportTests: XCTestCase {
    private func counted(_ name: String, _ counts: [Int64]) -> BenchmarkResult {
        var result = Records.result(name, samples: Array(repeating: 5e6, count: counts.count))
        result.metric = .instructions
        result.samplesInstructions = counts
        result.instructionStats = CountStats(counts)
        return result
    }

    private func export(_ format: ExportFormat, _ comparison: RunComparison) throws -> String {
        let runs = [comparison.baseline, comparison.current].compactMap { $0 }.map { ReportRun(record: $0) }
        return try ReportRenderer().export(format, ReportInput(runs: runs, comparison: comparison), painter: Painter(enabled: false))
    }

    func testJSONHasAnInstructionsObjectOnlyForCountedBenchmarks() throws {
        let base = Records.run("b", minute: 0, [counted("loop", [1_000_000]), Records.result("t", samples: [1e6, 1e6])])
        let now = Records.run("c", minute: 1, [counted("loop", [1_030_000]), Records.result("t", samples: [1e6, 1e6])])
        let json = try export(.json, Analyzer.compare(current: now, baseline: base))
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let loop = try XCTUnwrap(rows.first { $0["name"] as? String == "loop" })
        let instructions = try XCTUnwrap(loop["instructions"] as? [String: Any])
        XCTAssertEqual(instructions["verdict"] as? String, "regression")
        XCTAssertEqual(instructions["baseline"] as? Double, 1_000_000)
        XCTAssertEqual(instructions["current"] as? Double, 1_030_000)
        let time = try XCTUnwrap(rows.first { $0["name"] as? String == "t" })
        XCTAssertTrue(time["instructions"] is NSNull, "explicit null for a time benchmark")
        XCTAssertEqual(document["hasRegressionOrFailure"] as? Bool, true)
    }

    func testTextShowsCountsWithUnits() throws {
        let base = Records.run("b", minute: 0, [counted("loop", [101_630_000])])
        let now = Records.run("c", minute: 1, [counted("loop", [103_700_000])])
        let text = try export(.text, Analyzer.compare(current: now, baseline: base))
        let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("regression") })
        XCTAssertTrue(row.contains("101.63M instr") && row.contains("103.70M instr"), String(row))
    }
}

import BenchAnalysis
import BenchModel
import BenchReport
import BenchStats
import Foundation
import RecordSupport
import XCTest

/// `compare`'s text and JSON formats, as the report stage's exporters write them.
final class TextAndJSONExporterTests: XCTestCase {
    func export(_ format: ExportFormat, color: Bool = false) throws -> String {
        let comparison = sample()
        let runs = [comparison.baseline, comparison.current].compactMap { $0 }.map { ReportRun(record: $0) }
        return try ReportRenderer().export(format, ReportInput(runs: runs, comparison: comparison), painter: Painter(enabled: color))
    }

    func sample() -> RunComparison {
        var g = SeededGenerator(seed: 4)
        let base = Records.run("base-run", minute: 0, branch: "main", commit: "1111111aaaa", [
            Records.result("fast path", samples: Records.samples(30, level: 186_000, noise: 0.01, &g)),
            Records.result("a much longer benchmark name", samples: Records.samples(30, level: 12e6, noise: 0.01, &g)),
            Records.result("gone", samples: Records.samples(30, level: 1e6, noise: 0.01, &g)),
        ])
        var other = Records.machine
        other.kernel = "6.1"
        let current = Records.run("head-run", minute: 5, branch: "feature", commit: "2222222bbbb", machine: other, [
            // 2.26×: far beyond every spread, a regression without history.
            Records.result("fast path", samples: Records.samples(30, level: 420_000, noise: 0.01, &g)),
            Records.result("a much longer benchmark name", samples: Records.samples(30, level: 12e6, noise: 0.01, &g)),
            Records.result("broken", samples: [], outcome: .failed),
        ])
        return Analyzer.compare(current: current, baseline: base)
    }

    func testTextIsAlignedWorstFirstAndPlainWithoutColour() throws {
        let text = try export(.text)
        XCTAssertFalse(text.contains("\u{1B}["))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headerIndex = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("VERDICT") })
        let header = lines[headerIndex]
        let rows = Array(lines[(headerIndex + 1)...].prefix { !$0.isEmpty })
        XCTAssertEqual(rows.map { String($0.prefix { $0 != " " }) }, ["failed", "regression", "removed", "unchanged"])
        // Every column starts where its header starts; right-aligned numbers end where theirs ends.
        let nameColumn = try XCTUnwrap(header.range(of: "BENCHMARK")).lowerBound.utf16Offset(in: header)
        let changeEnd = try XCTUnwrap(header.range(of: "CHANGE")).upperBound.utf16Offset(in: header)
        for row in rows {
            let characters = Array(row)
            XCTAssertNotEqual(characters[nameColumn], " ", row)
            XCTAssertEqual(characters[nameColumn - 1], " ", row)
            // CHANGE is right-aligned: a percentage or "-" ends exactly under the header's end.
            XCTAssertTrue(["%", "-"].contains(characters[changeEnd - 1]), row)
            XCTAssertEqual(characters[changeEnd], " ", row)
        }
        XCTAssertTrue(text.contains("Note: The baseline ran on a different machine"))
        XCTAssertTrue(text.contains("1 failed, 1 regression, 1 removed, 1 unchanged"))
        XCTAssertTrue(text.contains("Baseline: base-run (main @ 1111111), release"))
    }

    func testColourOnlyWhenAsked() throws {
        let text = try export(.text, color: true)
        XCTAssertTrue(text.contains("\u{1B}[31mregression"))
        XCTAssertTrue(text.contains("\u{1B}[0m"))
    }

    func testJSONDecodesWithDocumentedFields() throws {
        let json = try export(.json)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, "benchboard.compare/1")
        XCTAssertEqual(object["hasRegressionOrFailure"] as? Bool, true)
        XCTAssertNotNil(object["caveat"] as? String)
        XCTAssertEqual((object["current"] as? [String: Any])?["id"] as? String, "head-run")
        XCTAssertEqual((object["baseline"] as? [String: Any])?["branch"] as? String, "main")
        let counts = try XCTUnwrap(object["counts"] as? [String: Int])
        XCTAssertEqual(Set(counts.keys), Set(Verdict.allCases.map(\.rawValue)))
        XCTAssertEqual(counts["regression"], 1)
        let rows = try XCTUnwrap(object["benchmarks"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["verdict"] as? String }, ["failed", "regression", "removed", "unchanged"])
        let time = try XCTUnwrap(rows[1]["time"] as? [String: Any])
        XCTAssertEqual(
            Set(time.keys),
            [
                "baseline", "current", "changePercent", "verdict", "pValue", "reference", "note", "detectablePercent",
                "processSpreadPercent",
            ])
        XCTAssertEqual(try XCTUnwrap(time["changePercent"] as? Double), 125.8, accuracy: 3)
        XCTAssertEqual(rows[1]["informational"] as? Bool, false)
        XCTAssertTrue(rows[2]["time"].map { ($0 as? [String: Any])?["baseline"] is NSNull } ?? false, "explicit null")
        // Stable: the same comparison gives byte-identical output.
        XCTAssertEqual(json, try export(.json))
    }
}

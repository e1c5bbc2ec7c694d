import BenchModel
import BenchReport
import XCTest

/// The run's terminal lines come from the report stage and share its one painter.
final class TerminalFormatTests: XCTestCase {
    func testRunSummaryIsPaintedOnlyByAnEnabledPainter() {
        let record = Fixtures.run(0, [Fixtures.ok("Parse", medianNs: 1_000_000), Fixtures.failed("Sort")])
        let plain = TerminalSummary.render(record, wallSeconds: 1.5, historyFile: "output/history/x.json", painter: .plain)
        XCTAssertEqual(
            plain,
            "\n1 passed, 1 failed, 0 timed out — success rate 50.0% (1/2) — wall time 1.50 s\n"
                + "Isolation: on (each benchmark in its own process)\nHistory: output/history/x.json")
        let painted = TerminalSummary.render(record, wallSeconds: 1.5, historyFile: nil, painter: Painter(enabled: true))
        XCTAssertTrue(painted.contains("\u{1B}[31m1 failed\u{1B}[0m"), painted)
        XCTAssertEqual(Painter(enabled: true).paint("x", nil), "x", "no colour means no escape codes")
    }
}

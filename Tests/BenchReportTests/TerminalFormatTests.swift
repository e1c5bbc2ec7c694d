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

/// The seed's line keeps its shape, with every time in the readable unit.
final class ResultLineUnitTests: XCTestCase {
    func testTheSeedLineReadsInMicroseconds() {
        let result = Fixtures.ok("Profile Query (single)", medianNs: 186_000, targetNs: 800_000)
        XCTAssertEqual(
            ResultLine.format(result),
            "✅ Profile Query (single) 🔒 Isolated — 186 µs (target: 800 µs) - ✅ Fast — "
                + "💾 Memory: 45.2 KB | ⏱️ CPU: 2.34 ms | 🕐 Total: 12.5 ms")
    }

    func testAnEmptyClosureReadsInNanoseconds() {
        var result = Fixtures.ok("empty", medianNs: 30)
        result.resources.totalMs = 0.8
        XCTAssertEqual(
            ResultLine.format(result), "✅ empty 🔒 Isolated — 30 ns — 💾 Memory: 45.2 KB | ⏱️ CPU: 2.34 ms | 🕐 Total: 800 µs")
    }
}

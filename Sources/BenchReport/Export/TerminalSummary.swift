import BenchModel
import Foundation

/// The closing lines of a run: counts, success rate, wall time and where the history file went.
public enum TerminalSummary {
    public static func render(_ record: RunRecord, wallSeconds: Double, historyFile: String?, painter: Painter) -> String {
        let counts = OutcomeCounts(record.benchmarks)
        let rate = counts.total == 0 ? 0 : Double(counts.passed) / Double(counts.total) * 100

        // Passed, failed and timed out are always named, so a log reader never has to infer a zero.
        var parts = [
            painter.paint("\(counts.passed) passed", counts.passed == counts.total ? .green : .bold),
            counts.failed > 0 ? painter.paint("\(counts.failed) failed", .red) : "0 failed",
        ]
        if counts.crashed > 0 { parts.append(painter.paint("\(counts.crashed) crashed", .red)) }
        if counts.limited > 0 { parts.append(painter.paint("\(counts.limited) over a limit", .red)) }
        parts.append(counts.timedOut > 0 ? painter.paint("\(counts.timedOut) timed out", .red) : "0 timed out")
        if counts.slow > 0 { parts.append(painter.paint("\(counts.slow) slow", .yellow)) }

        var lines = [""]
        lines.append(
            parts.joined(separator: ", ")
                + String(format: " — success rate %.1f%% (%d/%d) — wall time %.2f s", rate, counts.passed, counts.total, wallSeconds))
        lines.append(
            "Isolation: " + (record.isolation ? "on (each benchmark in its own process)" : "off (swift benchmarks in-process)"))
        if record.interrupted {
            lines.append(painter.paint("Interrupted: the run stopped early; the finished benchmarks were kept.", .yellow))
        }
        if let historyFile {
            lines.append("History: \(historyFile)")
        }
        return lines.joined(separator: "\n")
    }

    public static let debugBuildWarning =
        "warning: this is a debug build: its numbers are not representative. Use `swift run -c release benchboard`."
}

import BenchModel
import Foundation

/// The closing lines of a run: counts, success rate, wall time and where the history file went.
public enum TerminalSummary {
    public static func render(_ record: RunRecord, wallSeconds: Double, historyFile: String?, painter: Painter) -> String {
        let results = record.benchmarks
        let passed = results.filter { $0.outcome == .ok }.count
        let failed = results.filter { $0.outcome == .failed || $0.outcome == .error }.count
        let crashed = results.filter { $0.outcome == .crashed }.count
        let timedOut = results.filter { $0.outcome == .timeout }.count
        let limited = results.filter { $0.outcome == .limit }.count
        let slow = results.filter { $0.outcome == .ok && $0.isFast == false }.count
        let rate = results.isEmpty ? 0 : Double(passed) / Double(results.count) * 100

        // Passed, failed and timed out are always named, so a log reader never has to infer a zero.
        var counts = [
            painter.paint("\(passed) passed", passed == results.count ? .green : .bold),
            failed > 0 ? painter.paint("\(failed) failed", .red) : "0 failed",
        ]
        if crashed > 0 { counts.append(painter.paint("\(crashed) crashed", .red)) }
        if limited > 0 { counts.append(painter.paint("\(limited) over a limit", .red)) }
        counts.append(timedOut > 0 ? painter.paint("\(timedOut) timed out", .red) : "0 timed out")
        if slow > 0 { counts.append(painter.paint("\(slow) slow", .yellow)) }

        var lines = [""]
        lines.append(
            counts.joined(separator: ", ")
                + String(format: " — success rate %.1f%% (%d/%d) — wall time %.2f s", rate, passed, results.count, wallSeconds))
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

import BenchModel

/// The one-line verdict per benchmark that users of the original dashboard know:
///
/// `✅ Profile Query (single) 🔒 Isolated — 186 µs (target: 800 µs) - ✅ Fast — 💾 Memory: 45.2 KB | ⏱️ CPU: 2.34 ms | 🕐 Total: 12.5 ms`
///
/// Every time in it is `UnitFormat.duration`, so an empty closure reads "30 ns", not "0.000ms".
///
/// Printed by `run` as each benchmark finishes (handed to the runner through `ProgressStyle`),
/// and shown on the benchmark pages and in junit.xml, so all of them say the same thing.
public enum ResultLine {
    public static func format(_ result: BenchmarkResult) -> String {
        var parts = ["\(statusIcon(result)) \(SafeText.escaped(result.name))"]
        if result.mode == .isolated { parts[0] += " 🔒 Isolated" }
        if result.mode == .fallback { parts[0] += " ⚠️ Fallback (in-process)" }
        if result.outcome.isSuccess, result.metric == .instructions, let count = result.medianInstructions {
            // A target is a time, and wall time under valgrind says nothing about it.
            parts.append(UnitFormat.instructions(count) + (result.medianNs.map {
                " (wall time under valgrind: \(UnitFormat.duration(ns: $0)))"
            } ?? ""))
        } else if result.outcome.isSuccess, let median = result.medianNs {
            var timing = UnitFormat.duration(ns: median)
            // The times of a result with a scaling factor were divided by it: say what they time.
            if let factor = result.scalingFactor, factor > 1 { timing += " per inner iteration (× \(factor))" }
            if let target = result.targetNs {
                timing += " (target: \(UnitFormat.duration(ns: Double(target))))"
                timing += (result.isFast ?? true) ? " - ✅ Fast" : " - ❌ Slow"
            }
            parts.append(timing)
        } else {
            parts.append(failureText(result))
        }
        parts.append(resourceText(result))
        return parts.joined(separator: " — ")
    }

    /// ✅ ok, 💥 failed or crashed or could not start, ⏱️ timeout.
    public static func statusIcon(_ result: BenchmarkResult) -> String {
        switch result.outcome {
        case .ok: "✅"
        case .timeout: "⏱️"
        case .failed, .crashed, .error: "💥"
        case .limit: "🚧"
        }
    }

    /// "💥 Failed: exit code 3", "⏱️ Timeout: over 2000 ms, ended by SIGKILL", …
    public static func failureText(_ result: BenchmarkResult) -> String {
        switch result.outcome {
        case .ok:
            return "no samples"
        case .failed:
            return "💥 Failed: exit code \(result.exitCode.map(String.init) ?? "?")" + reason(result)
        case .crashed:
            return "💥 Crashed: \(result.signal ?? "signal")" + reason(result)
        case .timeout:
            return "⏱️ Timeout: over \(result.timeoutMs) ms, ended by \(result.killedBy ?? "SIGKILL")"
        case .error:
            return "💥 Error" + reason(result)
        case .limit:
            return "🚧 Limit: " + (result.error ?? "over a resource limit")
        }
    }

    private static func reason(_ result: BenchmarkResult) -> String {
        let text = result.stderrTail?.split(separator: "\n").last.map(String.init) ?? result.error
        guard let text, !text.isEmpty else { return "" }
        return ": " + SafeText.escaped(String(text.prefix(200)))
    }

    public static func resourceText(_ result: BenchmarkResult) -> String {
        var items: [String] = []
        if let memory = result.resources.memoryFigureBytes(for: result.kind) {
            items.append("💾 Memory: \(UnitFormat.bytes(memory))")
        }
        if result.resources.cpuTotalUs != nil {
            items.append("⏱️ CPU: \(ReportFormat.cpu(result))")
        }
        items.append("🕐 Total: \(ReportFormat.total(result))")
        return items.joined(separator: " | ")
    }
}

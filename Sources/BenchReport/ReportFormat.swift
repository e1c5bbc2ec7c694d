import BenchAnalysis
import BenchModel
import Foundation

/// Report-specific formatting on top of BenchModel's `UnitFormat`: dates, spreads, verdict
/// words and classes. Deterministic (UTC, C locale) so the same history renders the same bytes.
enum ReportFormat {
    /// "2026-11-25 10:49 UTC"
    static func date(_ date: Date) -> String {
        let parts = utc(date)
        return ASCIIText.make(capacity: 80) { text in
            day(parts, into: &text)
            text.append(" ")
            time(parts, into: &text)
            text.append(" UTC")
        }
    }

    /// "2026-11-25"
    static func day(_ date: Date) -> String {
        let parts = utc(date)
        return ASCIIText.make(capacity: 48) { day(parts, into: &$0) }
    }

    /// "10:49", UTC.
    static func time(_ date: Date) -> String {
        let parts = utc(date)
        return ASCIIText.make(capacity: 32) { time(parts, into: &$0) }
    }

    // Written digit by digit (a chart's hover titles hold thousands of dates).

    private static func utc(_ date: Date) -> tm {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return parts
    }

    private static func day(_ parts: tm, into text: inout ASCIIText) {
        text.decimal(parts.tm_year + 1900)
        text.append("-")
        text.padded(parts.tm_mon + 1)
        text.append("-")
        text.padded(parts.tm_mday)
    }

    private static func time(_ parts: tm, into text: inout ASCIIText) {
        text.padded(parts.tm_hour)
        text.append(":")
        text.padded(parts.tm_min)
    }

    /// The median's spread as "±1.2%": half the confidence interval where recorded, else the
    /// MAD, else the standard deviation, relative to the median. For instruction counts, half
    /// the range of the counts: the times beside them were slowed down by valgrind.
    static func spread(_ result: BenchmarkResult) -> String? {
        if result.metric == .instructions {
            guard let counts = result.instructionStats ?? result.samplesInstructions.flatMap({ CountStats($0) }),
                counts.median > 0
            else { return nil }
            return "±" + coordinate((counts.max - counts.min) / 2 / counts.median * 100, keepZero: true) + "%"
        }
        guard let stats = result.stats, stats.medianNs > 0 else { return nil }
        let half: Double
        if let low = stats.ciLowNs, let high = stats.ciHighNs {
            half = (high - low) / 2
        } else if let mad = stats.madNs {
            half = mad
        } else {
            half = stats.stddevNs
        }
        return "±" + coordinate(half / stats.medianNs * 100, keepZero: true) + "%"
    }

    static func memory(_ result: BenchmarkResult) -> String {
        result.resources.memoryFigureBytes(for: result.kind).map(UnitFormat.bytes) ?? "–"
    }

    /// Every memory figure a run recorded, for the hover title of the 💾 cell: which one the cell
    /// shows depends on the kind, and the cgroup's process-tree peak exists only on some machines.
    static func memoryDetail(_ result: BenchmarkResult) -> String {
        let resources = result.resources
        var parts: [String] = []
        if let rss = resources.maxRSSBytes { parts.append("max RSS \(UnitFormat.bytes(rss))") }
        if let growth = resources.peakMemoryGrowthWithWarmupBytes {
            parts.append("peak growth with warm-up \(UnitFormat.bytes(growth))")
        }
        if let growth = resources.peakMemoryGrowthBytes { parts.append("peak growth while measured \(UnitFormat.bytes(growth))") }
        if let tree = resources.cgroupPeakBytes { parts.append("process tree peak (cgroup) \(UnitFormat.bytes(tree))") }
        return parts.isEmpty ? "no memory figure recorded" : parts.joined(separator: " · ")
    }

    /// CPU user + system: "2.34 ms".
    static func cpu(_ result: BenchmarkResult) -> String {
        result.resources.cpuTotalUs.map { UnitFormat.duration(ns: Double($0) * 1000) } ?? "–"
    }

    /// Wall time from spawn to reap, isolation included: "12.5 ms".
    static func total(_ result: BenchmarkResult) -> String {
        UnitFormat.duration(ns: result.resources.totalMs * 1_000_000)
    }

    /// The median of the benchmark's metric: a duration, or an instruction count.
    static func median(_ result: BenchmarkResult) -> String {
        guard result.outcome.isSuccess else { return "–" }
        if result.metric == .instructions {
            return result.medianInstructions.map(UnitFormat.instructions) ?? "–"
        }
        return result.medianNs.map { UnitFormat.duration(ns: $0) } ?? "–"
    }

    /// "p = 0.042", "p < 0.001": three decimals, never a p-value that reads as zero.
    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = " + FixedDecimal.string(p, decimals: 3)
    }

    /// CSS class of an outcome: ok, fail or timeout.
    static func outcomeClass(_ outcome: Outcome) -> String {
        switch outcome {
        case .ok: "ok"
        case .timeout: "timeout"
        case .failed, .crashed, .error, .limit: "fail"
        }
    }

    static func outcomeWord(_ outcome: Outcome) -> String {
        switch outcome {
        case .ok: "passed"
        case .failed: "failed"
        case .crashed: "crashed"
        case .timeout: "timed out"
        case .error: "could not start"
        case .limit: "hit a limit"
        }
    }

    /// CSS class of a verdict: bad news red, good news green, the rest muted.
    static func verdictClass(_ verdict: Verdict) -> String {
        switch verdict {
        case .regression, .failed: "bad"
        case .improvement: "good"
        case .noisy, .unconfirmed: "noisy"
        case .new, .removed: "info"
        case .unchanged: "muted"
        }
    }

    static func verdictWord(_ verdict: Verdict) -> String {
        switch verdict {
        case .regression: "slower"
        case .improvement: "faster"
        case .unchanged: "unchanged"
        case .new: "new"
        case .removed: "removed"
        case .noisy: "noisy"
        case .unconfirmed: "unconfirmed"
        case .failed: "failed"
        }
    }

    /// The failure explanation lines: exit code, signal, timeout limit, error sentence.
    static func failureFacts(_ result: BenchmarkResult) -> [String] {
        var facts: [String] = []
        switch result.outcome {
        case .ok: break
        case .failed: facts.append("Exited with code \(result.exitCode.map(String.init) ?? "?")")
        case .crashed: facts.append("Ended by signal \(result.signal ?? "?")")
        case .timeout:
            facts.append("Ran over its time limit of \(result.timeoutMs) ms; ended by \(result.killedBy ?? "SIGKILL")")
        case .error: facts.append("Could not be started")
        case .limit: facts.append("Stopped at its \(result.limitHit?.configKey ?? "resource") limit")
        }
        if let error = result.error, !error.isEmpty { facts.append(TextSafety.line(error)) }
        return facts
    }

    /// Coordinates for SVG attributes with one decimal, without `String(format:)` (hot path).
    /// `keepZero` writes "2.0" rather than "2", for figures read by people.
    static func coordinate(_ value: Double, keepZero: Bool = false) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let fraction = tenths.magnitude % 10
        return ASCIIText.make(capacity: 24) { text in
            // "-0.4" keeps its sign, as does every negative value: only tenths of 0 read "0".
            if tenths < 0 { text.append("-") }
            text.decimal(tenths.magnitude / 10)
            if fraction != 0 || keepZero {
                text.append(".")
                text.decimal(fraction)
            }
        }
    }
}

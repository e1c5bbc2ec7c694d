import BenchAnalysis
import BenchModel
import Foundation

/// Report-specific formatting on top of BenchModel's `UnitFormat`: dates, spreads, verdict
/// words and classes. Deterministic (UTC, C locale) so the same history renders the same bytes.
enum ReportFormat {
    /// "2026-11-25 10:49 UTC"
    static func date(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday)) \(pad(parts.tm_hour)):\(pad(parts.tm_min)) UTC"
    }

    /// "2026-11-25"
    static func day(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
    }

    /// "10:49", UTC.
    static func time(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(pad(parts.tm_hour)):\(pad(parts.tm_min))"
    }

    private static func pad(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
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
    ///
    /// The digits are written into one small buffer (a chart has a few thousand coordinates;
    /// an interpolation made a string per part).
    static func coordinate(_ value: Double, keepZero: Bool = false) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let fraction = tenths.magnitude % 10
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var position = buffer.count
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            if fraction != 0 || keepZero {
                put(UInt8(ascii: "0") + UInt8(fraction))
                put(UInt8(ascii: "."))
            }
            var whole = tenths.magnitude / 10
            repeat {
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            // "-0.4" keeps its sign, as does every negative value: only tenths of 0 read "0".
            if tenths < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }
}

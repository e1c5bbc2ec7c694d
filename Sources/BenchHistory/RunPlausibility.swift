import BenchModel
import Foundation

/// The checks a decoded run must pass before it is compared with anything: a negative or
/// non-finite figure turns into "-100 %" verdicts, and a run dated in the future would stay
/// "latest" for years. The first problem found is the reason the file is skipped.
enum RunPlausibility {
    static func problem(in record: RunRecord, now: Date?) -> RunFileProblem? {
        if let now, let problem = future(record, now: now) { return problem }
        for (position, result) in record.benchmarks.enumerated() {
            let place = "benchmarks[\(position)]"
            if let sample = result.samplesNs.first(where: { $0 < 0 }) {
                return .implausible("\(place).samplesNs holds a negative sample (\(sample) ns)")
            }
            if let target = result.targetNs, target < 0 {
                return .implausible("\(place).targetNs is negative (\(target))")
            }
            let counts = [
                ("timeoutMs", result.timeoutMs), ("warmup", result.warmup), ("stats.count", result.stats?.count ?? 0),
                ("config.iterations", result.config?.iterations ?? 0), ("config.graceMs", result.config?.graceMs ?? 0),
            ]
            for (field, value) in counts where value < 0 {
                return .implausible("\(place).\(field) is negative (\(value))")
            }
            for (field, value) in figures(result) {
                guard let value else { continue }
                if !value.isFinite { return .implausible("\(place).\(field) is not a finite number") }
                if value < 0 { return .implausible("\(place).\(field) is negative (\(value))") }
            }
        }
        return nil
    }

    /// A start or finish more than the allowed clock skew after `now`.
    private static func future(_ record: RunRecord, now: Date) -> RunFileProblem? {
        let latest = now.addingTimeInterval(HistoryLimits.clockSkewSeconds)
        for (label, date) in [("startedAt", record.startedAt), ("finishedAt", record.finishedAt)] where date > latest {
            let format = ISO8601DateFormatter()
            return .future(
                "\(label) is \(format.string(from: date)), later than this machine's clock (\(format.string(from: now))) by more than the \(Int(HistoryLimits.clockSkewSeconds / 60)) minutes allowed for clock skew")
        }
        return nil
    }

    /// Every Double a verdict or a chart is computed from.
    private static func figures(_ result: BenchmarkResult) -> [(String, Double?)] {
        var figures: [(String, Double?)] = [
            ("resources.totalMs", result.resources.totalMs), ("resources.overheadMs", result.resources.overheadMs),
            ("config.minTimeMs", result.config?.minTimeMs),
            ("config.regressionThreshold", result.config?.regressionThreshold),
        ]
        if let stats = result.stats {
            figures += [
                ("stats.minNs", stats.minNs), ("stats.maxNs", stats.maxNs), ("stats.meanNs", stats.meanNs),
                ("stats.medianNs", stats.medianNs), ("stats.stddevNs", stats.stddevNs), ("stats.madNs", stats.madNs),
                ("stats.p90Ns", stats.p90Ns), ("stats.p99Ns", stats.p99Ns), ("stats.cv", stats.cv),
                ("stats.ciLowNs", stats.ciLowNs), ("stats.ciHighNs", stats.ciHighNs),
            ]
        }
        return figures
    }
}

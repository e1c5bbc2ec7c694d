import BenchModel
import Foundation

/// The checks a decoded run must pass before it is compared with anything: a negative or
/// non-finite figure turns into "-100 %" verdicts, and a run dated in the future would stay
/// "latest" for years. The first problem found is the reason the file is skipped.
enum RunPlausibility {
    static func problem(in record: RunRecord, now: Date?) -> RunFileProblem? {
        if let now, let problem = dates(record, now: now) { return problem }
        // The common case (every figure fine) is checked without allocating; the reason is
        // worked out only for the benchmark that fails.
        for (position, result) in record.benchmarks.enumerated() where !isPlausible(result) {
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
            if let problem = processProblem(result, place: place) { return problem }
            for (field, value) in figures(result) {
                guard let value else { continue }
                if !value.isFinite { return .implausible("\(place).\(field) is not a finite number") }
                if value < 0 { return .implausible("\(place).\(field) is negative (\(value))") }
            }
        }
        return nil
    }

    /// Processes must account for every sample, exactly once, and hold possible figures: verdicts
    /// weigh each process's samples, so a wrong split would compare the wrong numbers.
    private static func processProblem(_ result: BenchmarkResult, place: String) -> RunFileProblem? {
        guard let processes = result.processes else { return nil }
        let counted = processes.reduce(0) { $0 + max($1.samples, 0) }
        for (index, process) in processes.enumerated() {
            let at = "\(place).processes[\(index)]"
            if process.samples < 0 { return .implausible("\(at).samples is negative (\(process.samples))") }
            if process.round < 1 { return .implausible("\(at).round is \(process.round); rounds count from 1") }
            for (field, value) in [("wallMs", process.wallMs), ("machineBusy", process.machineBusy), ("steal", process.steal)] {
                guard let value else { continue }
                if !value.isFinite || value < 0 { return .implausible("\(at).\(field) is not a finite, non-negative number") }
            }
        }
        if counted != result.samplesNs.count {
            return .implausible(
                "\(place).processes account for \(counted) samples, but samplesNs holds \(result.samplesNs.count)")
        }
        if let batch = result.batchSize, batch < 1 { return .implausible("\(place).batchSize is \(batch); it must be at least 1") }
        if let factor = result.scalingFactor, factor < 1 {
            return .implausible("\(place).scalingFactor is \(factor); it must be at least 1")
        }
        return nil
    }

    private static func isPlausible(_ result: BenchmarkResult) -> Bool {
        guard result.timeoutMs >= 0, result.warmup >= 0, (result.targetNs ?? 0) >= 0 else { return false }
        if let processes = result.processes {
            var counted = 0
            for process in processes {
                guard process.samples >= 0, process.round >= 1, fine(process.wallMs), fine(process.machineBusy),
                    fine(process.steal)
                else { return false }
                counted += process.samples
            }
            guard counted == result.samplesNs.count else { return false }
        }
        guard (result.batchSize ?? 1) >= 1, (result.scalingFactor ?? 1) >= 1 else { return false }
        for sample in result.samplesNs where sample < 0 { return false }
        let resources = result.resources
        guard fine(resources.totalMs), fine(resources.overheadMs) else { return false }
        if let config = result.config {
            guard config.iterations >= 0, config.graceMs >= 0, fine(config.minTimeMs), fine(config.regressionThreshold)
            else { return false }
        }
        if let stats = result.stats {
            guard stats.count >= 0, fine(stats.minNs), fine(stats.maxNs), fine(stats.meanNs), fine(stats.medianNs),
                fine(stats.stddevNs), fine(stats.madNs), fine(stats.p90Ns), fine(stats.p99Ns), fine(stats.cv),
                fine(stats.ciLowNs), fine(stats.ciHighNs)
            else { return false }
        }
        return true
    }

    @inline(__always)
    private static func fine(_ value: Double?) -> Bool {
        guard let value else { return true }
        return value.isFinite && value >= 0
    }

    /// A start or finish outside the dates a run may have (`HistoryLimits.dateProblem`): the
    /// same rule `import` and `merge` apply before they write.
    private static func dates(_ record: RunRecord, now: Date) -> RunFileProblem? {
        for (label, date) in [("startedAt", record.startedAt), ("finishedAt", record.finishedAt)] {
            if let problem = HistoryLimits.dateProblem(date, now: now) { return .date(problem, label: label) }
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

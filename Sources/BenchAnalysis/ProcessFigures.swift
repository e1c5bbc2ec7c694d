import BenchModel
import BenchStats

/// One figure of one process (its median time, its memory, its CPU per iteration) and the round it
/// ran in, which pairs it with the other build's process in an A/B run.
struct ProcessFigure: Sendable, Equatable {
    var round: Int
    var value: Double
}

/// The per-process figures each metric is judged on: the process is the unit of evidence.
enum ProcessFigures {
    /// The median of each process's samples. A result stored without samples (only statistics)
    /// counts as one process at its recorded median.
    static func time(_ result: BenchmarkResult) -> [ProcessFigure] {
        let records = result.processRecords
        let slices = result.samplesByProcess
        if slices.count == records.count {
            let figures = zip(records, slices).compactMap { record, samples -> ProcessFigure? in
                Quantile.median(samples.map { Double($0) }).map { ProcessFigure(round: record.round, value: $0) }
            }
            if !figures.isEmpty { return figures }
        } else if let median = Quantile.median(result.samplesNs.map { Double($0) }) {
            return [ProcessFigure(round: 1, value: median)]
        }
        return result.medianNs.map { [ProcessFigure(round: 1, value: $0)] } ?? []
    }

    /// The 💾 figure of each recorded process (peak growth for a Swift benchmark, max RSS for a
    /// command); a result without recorded processes gives its own figure as one process, with or
    /// without the warm-up as `withWarmup` says (see `Resources.memoryFigureBytes`).
    static func memory(_ result: BenchmarkResult, withWarmup: Bool) -> [ProcessFigure] {
        if let processes = result.processes, !processes.isEmpty {
            return processes.compactMap { process in
                let bytes = result.kind == .swift ? process.memoryGrowthBytes ?? process.maxRSSBytes : process.maxRSSBytes
                // Not `.map(Double.init)`: on UInt64 that resolves to init(bitPattern:).
                return bytes.map { ProcessFigure(round: process.round, value: Double($0)) }
            }
        }
        return result.resources.memoryFigureBytes(for: result.kind, withWarmup: withWarmup).map {
            [ProcessFigure(round: 1, value: Double($0))]
        } ?? []
    }

    /// CPU user + system of each process: per iteration (`ProcessRecord.cpuPerIterationUs`) when
    /// `perIteration`, else the process's total.
    static func cpu(_ result: BenchmarkResult, perIteration: Bool) -> [ProcessFigure] {
        result.processRecords.compactMap { process in
            let value: Double?
            if perIteration {
                value = process.cpuPerIterationUs
            } else if process.cpuUserUs != nil || process.cpuSystemUs != nil {
                value = Double((process.cpuUserUs ?? 0) &+ (process.cpuSystemUs ?? 0))
            } else {
                value = nil
            }
            return value.map { ProcessFigure(round: process.round, value: $0) }
        }
    }

    /// Whether every process of both results knows its CPU per iteration: then processes that ran
    /// different numbers of iterations (rounds split them) compare like with like.
    static func cpuPerIterationKnown(_ results: [BenchmarkResult]) -> Bool {
        results.allSatisfy { result in
            let records = result.processRecords
            return !records.isEmpty && records.allSatisfy { $0.cpuPerIterationUs != nil }
        }
    }

    /// The median iterations of a result's processes, warm-up included; nil when unknown.
    static func iterationsPerProcess(_ result: BenchmarkResult) -> Double? {
        Quantile.median(result.processRecords.compactMap { $0.iterations.map { Double($0) } })
    }

    /// One run's figure: the median of its processes' figures.
    static func center(_ figures: [ProcessFigure]) -> Double? {
        Quantile.median(figures.map(\.value))
    }
}

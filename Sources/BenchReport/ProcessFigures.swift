import BenchAnalysis
import BenchModel

/// Figures of a result's processes as the reports show them. Each process lands in a mode of its
/// own, so a reader needs to see them apart: one slow process, a busy machine during one, or
/// processes that disagree on memory explain a verdict better than any pooled number.
enum ProcessFigures {
    /// The 💾 figure of one process, the same kind of figure as the result's own
    /// (`Resources.memoryFigureBytes`): peak growth for a Swift benchmark, max RSS for a command.
    static func memory(_ process: ProcessRecord, kind: BenchmarkKind) -> UInt64? {
        switch kind {
        case .swift: process.memoryGrowthBytes ?? process.maxRSSBytes
        case .command: process.maxRSSBytes
        }
    }

    /// The median of each process's samples in the result's metric (nanoseconds, or instructions
    /// per iteration), in process order; nil for a process without samples.
    static func medians(_ result: BenchmarkResult) -> [Double?] {
        let groups = result.metric == .instructions ? result.instructionsByProcess : result.samplesByProcess
        return groups.map { median(of: $0) }
    }

    private static func median(of samples: ArraySlice<Int64>) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : (Double(sorted[mid - 1]) + Double(sorted[mid])) / 2
    }

    /// The smallest and largest 💾 figure of the result's processes when they disagree: the
    /// largest beyond the smallest by more than `threshold` (a fraction, the memory threshold).
    /// Such a run has no one memory figure, so the reports show the range and not a change.
    static func memoryDisagreement(_ result: BenchmarkResult, threshold: Double) -> (low: UInt64, high: UInt64)? {
        guard let processes = result.processes, processes.count > 1 else { return nil }
        let figures = processes.compactMap { memory($0, kind: result.kind) }
        guard figures.count > 1, let low = figures.min(), let high = figures.max(), high > low else { return nil }
        guard Double(high) > Double(low) * (1 + threshold) else { return nil }
        return (low, high)
    }

    /// "45.2 KB – 1.2 MiB over 4 processes".
    static func memoryRangeText(_ range: (low: UInt64, high: UInt64), processes: Int) -> String {
        "\(UnitFormat.bytes(range.low)) – \(UnitFormat.bytes(range.high)) over \(processes) processes"
    }

    /// "per inner iteration (× 1000)" for a result whose times were divided by its scaling factor
    /// (`ResultLine` says the same after its time).
    static func scalingNote(_ result: BenchmarkResult) -> String? {
        guard let factor = result.scalingFactor, factor > 1 else { return nil }
        return "per inner iteration (× \(factor))"
    }

    /// A share of the machine as a percentage: "37%".
    static func share(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        return ReportFormat.coordinate(min(max(fraction, 0), 1) * 100) + "%"
    }

    /// Above these the machine was busy with something else while the process ran: CPU the
    /// hypervisor gave to other guests, or every core busy.
    static let stealWarning = 0.05
    static let busyWarning = 0.9
}

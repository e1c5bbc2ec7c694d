import BenchModel
import BenchStats

/// One side of `benchboard ab` as one run: whole-suite passes, each running every benchmark in one
/// process, become one record whose benchmarks keep one `ProcessRecord` per pass (its round is the
/// pass number), so the verdict weighs processes, not samples.
enum PassAssembly {
    /// The passes' benchmarks in the first pass's order (a benchmark missing from a pass, one the
    /// pass was interrupted before, has fewer processes). `identity` is the run's id and git.
    static func run(
        passes: [RunRecord], id: String, git: GitInfo?, buildConfiguration: String, suiteThreshold: Double
    ) -> RunRecord? {
        guard let first = passes.first, let last = passes.last else { return nil }
        var names: [String] = []
        var seen: Set<String> = []
        for pass in passes {
            for result in pass.benchmarks where seen.insert(result.name).inserted { names.append(result.name) }
        }
        let benchmarks = names.compactMap { name in
            merge(passes.enumerated().compactMap { index, pass in pass.benchmark(named: name).map { (index + 1, $0) } },
                  suiteThreshold: suiteThreshold)
        }
        return RunRecord(
            id: id, startedAt: first.startedAt, startedAtUnixNs: first.startedAtUnixNs, finishedAt: last.finishedAt,
            interrupted: passes.contains { $0.interrupted }, isolation: first.isolation,
            buildConfiguration: buildConfiguration, title: first.title, configPath: first.configPath, git: git,
            machine: first.machine, benchmarks: benchmarks, selection: first.selection, clockCostNs: first.clockCostNs)
    }

    /// One benchmark over its passes (pass number, result). Samples are concatenated in pass
    /// order; the outcome is the first that was not ok, with its error, and every sample measured
    /// is kept. The figures of the whole benchmark (max RSS, growth, CPU) are those of its median
    /// process, so they compare with a run of one process; wall and overhead are the sums.
    static func merge(_ results: [(pass: Int, result: BenchmarkResult)], suiteThreshold: Double) -> BenchmarkResult? {
        guard var merged = results.first?.result else { return nil }
        let all = results.map(\.result)
        if let bad = all.first(where: { !$0.outcome.isSuccess }) {
            merged.outcome = bad.outcome
            merged.exitCode = bad.exitCode
            merged.signal = bad.signal
            merged.error = bad.error
            merged.stderrTail = bad.stderrTail
            merged.killedBy = bad.killedBy
            merged.limitHit = bad.limitHit
        }
        if all.contains(where: { $0.mode == .fallback }) { merged.mode = .fallback }
        merged.samplesNs = all.flatMap(\.samplesNs)
        merged.samplesSource = all.compactMap(\.samplesSource).first
        let threshold = ThresholdDefaults.resolved(recorded: merged.config?.regressionThreshold, suite: suiteThreshold)
        merged.stats = SampleStatistics.make(samplesNs: merged.samplesNs, threshold: threshold)
        if all.allSatisfy({ $0.samplesInstructions != nil }) {
            let counts = all.flatMap { $0.samplesInstructions ?? [] }
            merged.samplesInstructions = counts
            merged.instructionStats = CountStats(counts)
        }
        merged.processes = results.flatMap { pass, result in
            result.processRecords.map { process in
                var process = process
                process.round = pass
                return process
            }
        }
        merged.config?.rounds = results.count
        merged.resources = resources(all.map(\.resources))
        return merged
    }

    /// The median process's figures, the sums of the times.
    static func resources(_ all: [Resources]) -> Resources {
        func median(_ figure: (Resources) -> UInt64?) -> UInt64? {
            let values = all.compactMap(figure).sorted()
            return values.isEmpty ? nil : values[(values.count - 1) / 2]
        }
        let overheads = all.compactMap(\.overheadMs)
        return Resources(
            maxRSSBytes: median(\.maxRSSBytes), peakMemoryGrowthBytes: median(\.peakMemoryGrowthBytes),
            cpuUserUs: median(\.cpuUserUs), cpuSystemUs: median(\.cpuSystemUs),
            totalMs: all.reduce(0) { $0 + $1.totalMs }, overheadMs: overheads.isEmpty ? nil : overheads.reduce(0, +),
            voluntaryContextSwitches: median(\.voluntaryContextSwitches),
            involuntaryContextSwitches: median(\.involuntaryContextSwitches), minorFaults: median(\.minorFaults),
            majorFaults: median(\.majorFaults), cgroupPeakBytes: median(\.cgroupPeakBytes),
            peakMemoryGrowthWithWarmupBytes: median(\.peakMemoryGrowthWithWarmupBytes))
    }
}

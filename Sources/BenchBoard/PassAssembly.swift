import BenchModel
import BenchRunner
import BenchStats

/// One side of `benchboard ab` as one run: whole-suite passes, each running every benchmark in one
/// process, become one record whose benchmarks keep one `ProcessRecord` per pass (its round is the
/// pass number), so the verdict weighs processes, not samples. Each benchmark's passes are merged
/// by `ProcessMerge`, the rule `run` merges its rounds with, so the head run stored in the history
/// reads like `run`'s.
enum PassAssembly {
    /// The passes' benchmarks in the first pass's order (a benchmark missing from a pass, one the
    /// pass was interrupted before, has fewer processes). `id` and `git` are the run's; `settings`
    /// each benchmark's settings as configured, with `rounds` the passes planned (a benchmark
    /// without them keeps its first pass's).
    static func run(
        passes: [RunRecord], id: String, git: GitInfo?, buildConfiguration: String, suiteThreshold: Double,
        settings: [String: BenchmarkSettings] = [:]
    ) -> RunRecord? {
        guard let first = passes.first, let last = passes.last else { return nil }
        var names: [String] = []
        var seen: Set<String> = []
        for pass in passes {
            for result in pass.benchmarks where seen.insert(result.name).inserted { names.append(result.name) }
        }
        let benchmarks = names.compactMap { name -> BenchmarkResult? in
            let parts = passes.enumerated().compactMap { index, pass in
                pass.benchmark(named: name).map { ProcessMerge.Part(round: index + 1, result: $0) }
            }
            let configured = settings[name]
            let threshold = ThresholdDefaults.resolved(
                recorded: (configured ?? parts.first?.result.config)?.regressionThreshold, suite: suiteThreshold)
            return ProcessMerge.merge(parts, settings: configured) { SampleStatistics.make(samplesNs: $0, threshold: threshold) }
        }
        return RunRecord(
            id: id, startedAt: first.startedAt, startedAtUnixNs: first.startedAtUnixNs, finishedAt: last.finishedAt,
            interrupted: passes.contains { $0.interrupted }, isolation: first.isolation,
            buildConfiguration: buildConfiguration, title: first.title, configPath: first.configPath, git: git,
            machine: first.machine, benchmarks: benchmarks, selection: first.selection, clockCostNs: first.clockCostNs)
    }
}

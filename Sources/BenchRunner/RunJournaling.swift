import BenchModel

/// Where the runner hands the run as it goes: its identity when it starts, then each result as
/// soon as the benchmark finished. The command writes them to the history's journal, so results
/// already measured survive benchboard itself dying (an in-process benchmark that crashes it,
/// SIGKILL). Called on the runner's thread, between benchmarks; a slow sink slows the run.
public protocol RunJournaling: Sendable {
    /// The run with no results yet, as the final record will describe it.
    func started(_ run: RunRecord)
    func finished(_ result: BenchmarkResult)
}

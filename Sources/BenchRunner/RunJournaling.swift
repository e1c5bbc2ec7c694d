import BenchModel

/// Where the runner hands the run as it goes: its identity when it starts, then a benchmark's
/// result after each of its rounds, holding every round so far (the last one handed over for a
/// benchmark is the one that counts). The command writes them to the history's journal, so
/// rounds already measured survive benchboard itself dying (an in-process benchmark that crashes
/// it, SIGKILL). Called on the runner's thread, between rounds; a slow sink slows the run.
public protocol RunJournaling: Sendable {
    /// The run with no results yet, as the final record will describe it.
    func started(_ run: RunRecord)
    /// The benchmark's result so far: after its last round, its final one.
    func finished(_ result: BenchmarkResult)
}

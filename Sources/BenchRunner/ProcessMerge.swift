import BenchModel

/// The one rule that makes one benchmark result of the processes that measured it: the rounds of a
/// benchmark (`RoundResults`), in `run` and in each side of `ab` alike, end here, so a run file says
/// the same thing whichever command wrote it, and an A/B head run stored in the history sits beside
/// `run`'s runs like with like.
///
/// Each part is one round: a Swift benchmark's worker process, or one round of a command's
/// iterations (each its own process already). Field by field:
///
/// - **outcome**: the worst, where any ending other than ok is worse than ok. Among several
///   failures the first round's counts: each fails the gate alike (exit 1), `processes[]` keeps
///   every round's own outcome, and under `run` a failed round ends the benchmark, so there is
///   only one. Exit code, signal, error, stderr tail, killer and limit hit all come from that same
///   round, never mixed from several.
/// - **samples**: every round's, concatenated in round order, each round's `processes[]` entries
///   counting its share (`ProcessRecord.samples`) and carrying the part's round number. Samples a
///   failed round measured before it failed are kept. `stats` are over all of them, judged at the
///   benchmark's threshold. Instruction counts are concatenated the same way when every round with
///   samples counted them (otherwise they would not line up with `processes[]`).
/// - **max RSS, memory growth, cgroup peak**: the largest of the rounds. A peak is the most the
///   benchmark needed at any time, and a limit or an out-of-memory kill is met by the largest
///   process, not the median one; the spread between processes stays visible in `processes[]`
///   (and the reports show it when they disagree).
/// - **CPU user/system, context switches, faults**: summed, like wall time: what measuring the
///   benchmark cost the machine, beside `totalMs`, which covers the same processes. The verdict
///   never judges this sum: it judges each process's own CPU per iteration from `processes[]`
///   (`ProcessFigures.cpu`), so splitting the iterations over more rounds does not move it.
/// - **wall time (`totalMs`) and isolation overhead**: summed over the rounds (overhead over those
///   that know theirs; nil when none does).
/// - **iterations and spawns**: per process, in `processes[]` (warm-up included, batched calls
///   counted); `config` holds the settings as configured, iterations over all rounds, and `rounds`
///   the rounds planned, as the caller gives them.
/// - **warm-up**: the first round's, as it ran it (a command warms up before its first round only).
/// - **batch size, scaling factor, limits, samples source**: the first round that recorded one:
///   every round sizes its batches from the same clock cost and the same closure, and runs under
///   the same limits.
/// - **mode**: the first round that did not run isolated says how (fallback or in-process): the
///   record must not claim isolation for figures that were not all isolated.
///
/// The merge is a pure function of the rounds so far, and a merge of one part is that part with
/// its processes renumbered. That is what the journal relies on: after every round `run` journals
/// the merge of the rounds so far, and a later line replaces an earlier one, so a run killed in
/// round k keeps rounds 1…k−1 exactly as the finished run would have merged them. The sums and
/// maxima are associative too, so a merge of merges gives the figures of the flat merge.
public enum ProcessMerge {
    /// One round of a benchmark: its result, whose `processes` are the processes that round ran
    /// (a result without them counts as one, see `processRecords`), and the round number they get.
    public struct Part: Sendable {
        public var round: Int
        public var result: BenchmarkResult

        public init(round: Int, result: BenchmarkResult) {
            self.round = round
            self.result = result
        }
    }

    /// The benchmark's result from `parts`, in round order; nil without any. `settings` are the
    /// benchmark's settings as configured, with `rounds` the rounds planned (nil: the first
    /// part's, with as many rounds as there are parts). `statistics` makes the `stats` of samples
    /// (the runner's, judged at the benchmark's threshold).
    public static func merge(
        _ parts: [Part], settings: BenchmarkSettings?, statistics: ([Int64]) -> SampleStats?
    ) -> BenchmarkResult? {
        guard var merged = parts.first?.result else { return nil }
        let results = parts.map(\.result)
        if let ended = results.first(where: { !$0.outcome.isSuccess }) {
            merged.takeEnding(of: ended)
        }
        merged.mode = results.first(where: { $0.mode != .isolated })?.mode ?? .isolated
        merged.config = settings ?? merged.config.map { first in
            var config = first
            config.rounds = parts.count
            return config
        }
        merged.processes = parts.flatMap { part in
            part.result.processRecords.map { process in
                var process = process
                process.round = part.round
                return process
            }
        }

        merged.samplesNs = results.flatMap(\.samplesNs)
        merged.samplesSource = results.compactMap(\.samplesSource).first
        merged.stats = merged.samplesNs.isEmpty ? nil : statistics(merged.samplesNs)
        let counted = results.filter { $0.samplesInstructions != nil }
        if !counted.isEmpty, results.allSatisfy({ $0.samplesInstructions != nil || $0.samplesNs.isEmpty }) {
            let counts = counted.flatMap { $0.samplesInstructions ?? [] }
            merged.samplesInstructions = counts
            merged.instructionStats = CountStats(counts)
        } else {
            merged.samplesInstructions = nil
            merged.instructionStats = nil
        }

        merged.resources = resources(results.map(\.resources))
        merged.limits = results.compactMap(\.limits).first
        merged.batchSize = results.compactMap(\.batchSize).first
        merged.scalingFactor = results.compactMap(\.scalingFactor).first
        return merged
    }

    /// The rounds' resources as one: the largest peaks, the summed costs and times (see above).
    public static func resources(_ parts: [Resources]) -> Resources {
        func largest(_ figure: (Resources) -> UInt64?) -> UInt64? { parts.compactMap(figure).max() }
        func sum(_ figure: (Resources) -> UInt64?) -> UInt64? {
            let known = parts.compactMap(figure)
            // Saturating: figures read back from a history file may be any UInt64.
            return known.isEmpty ? nil : known.reduce(0) { total, value in
                let (next, overflow) = total.addingReportingOverflow(value)
                return overflow ? .max : next
            }
        }
        let overheads = parts.compactMap(\.overheadMs)
        return Resources(
            maxRSSBytes: largest(\.maxRSSBytes), peakMemoryGrowthBytes: largest(\.peakMemoryGrowthBytes),
            cpuUserUs: sum(\.cpuUserUs), cpuSystemUs: sum(\.cpuSystemUs),
            totalMs: parts.reduce(0) { $0 + $1.totalMs }, overheadMs: overheads.isEmpty ? nil : overheads.reduce(0, +),
            voluntaryContextSwitches: sum(\.voluntaryContextSwitches),
            involuntaryContextSwitches: sum(\.involuntaryContextSwitches),
            minorFaults: sum(\.minorFaults), majorFaults: sum(\.majorFaults), cgroupPeakBytes: largest(\.cgroupPeakBytes),
            peakMemoryGrowthWithWarmupBytes: largest(\.peakMemoryGrowthWithWarmupBytes))
    }
}

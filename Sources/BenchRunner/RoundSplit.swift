import BenchConfig
import BenchModel

/// How one benchmark's work is split over its rounds (`rounds`). Each round is one process of a
/// Swift benchmark, or a share of a command's iterations (each its own process already); the
/// suite runs round 1 of every benchmark, then round 2, and so on (`SuiteRunner`).
///
/// - The measured iterations are split, so a suite's wall time stays about the same: 30
///   iterations in 5 rounds are 6 a round (the first rounds take one more when they do not
///   divide). A benchmark never has more rounds than iterations.
/// - `min_time_ms` and `max_duration_ms` (or the benchmark's own `maxDuration`) are budgets for
///   the whole benchmark: each round gets its share.
/// - Warm-up is per process: a Swift benchmark's every worker starts cold (caches, lazily bound
///   code, allocator), so each runs the full `warmup` count. A command's iterations are separate
///   processes already and what its warm-up warms (page cache, disk) is the machine's, so its
///   warm-up runs once, before its first round.
/// - `timeout_ms` applies to each process, as it always did.
/// - One round: counting instructions (a count has no process modes, and valgrind is slow), and
///   a Swift benchmark run in-process (every round would be benchboard's own process).
struct RoundSplit: Sendable, Equatable {
    /// How many rounds the benchmark runs in.
    let count: Int
    /// Measured iterations over all rounds.
    let iterations: Int
    let warmup: Int
    let kind: BenchmarkKind
    let minTimeMs: Double?
    let maxDurationMs: Double?

    /// `ownMaxIterations` and `ownMaxDurationNs` are a Swift benchmark's own caps from its code.
    init(_ spec: BenchmarkSpec, isolation: Bool, ownMaxIterations: Int? = nil, ownMaxDurationNs: UInt64? = nil) {
        let inProcess = spec.kind == .swift && !isolation
        let total = max(1, min(spec.iterations, ownMaxIterations ?? .max))
        let count = spec.metric == .instructions || inProcess ? 1 : max(1, min(spec.rounds, total))
        self.count = count
        // One round keeps exactly what ran before rounds existed: the spec's own figures.
        iterations = count == 1 ? spec.iterations : total
        warmup = spec.warmup
        kind = spec.kind
        minTimeMs = spec.minTimeMs.map { $0 / Double(count) }
        let maxDurationMs = spec.maxDurationMs ?? (count > 1 ? ownMaxDurationNs.map { Double($0) / 1_000_000 } : nil)
        self.maxDurationMs = maxDurationMs.map { $0 / Double(count) }
    }

    /// The spec of round `round` (from 1): its share of the iterations and budgets, its warm-up.
    func spec(round: Int, of base: BenchmarkSpec) -> BenchmarkSpec {
        guard count > 1 else { return base }
        var share = base
        share.iterations = iterations / count + (round <= iterations % count ? 1 : 0)
        share.warmup = kind == .command && round > 1 ? 0 : warmup
        share.minTimeMs = minTimeMs
        share.maxDurationMs = maxDurationMs
        share.rounds = 1
        return share
    }
}

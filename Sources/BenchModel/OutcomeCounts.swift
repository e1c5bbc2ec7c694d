/// How many of a run's benchmarks ended each way, counted once for every place that shows them
/// (the closing lines of `run`, `runs`, the runs page), so none of them contradicts another.
/// Slow is not an outcome: a benchmark over its target still passed, and is also counted as slow.
public struct OutcomeCounts: Sendable, Equatable {
    public var total = 0
    /// Finished with samples (`ok`), slow or not.
    public var passed = 0
    /// Exited non-zero or could not be run (`failed`, `error`).
    public var failed = 0
    public var crashed = 0
    public var timedOut = 0
    /// Stopped at a resource limit.
    public var limited = 0
    /// Passed, with a median over its target.
    public var slow = 0

    /// Every benchmark that did not pass: failed, crashed, timed out or over a limit.
    public var notPassed: Int { total - passed }

    public init(_ results: [BenchmarkResult]) {
        for result in results { add(result.outcome, slow: result.outcome.isSuccess && result.isFast == false) }
    }

    /// The same counts from the digests of a run's results.
    public init(_ digests: [ResultDigest]) {
        for digest in digests { add(digest.outcome, slow: digest.isSlow) }
    }

    private mutating func add(_ outcome: Outcome, slow isSlow: Bool) {
        total += 1
        switch outcome {
        case .ok: passed += 1
        case .failed, .error: failed += 1
        case .crashed: crashed += 1
        case .timeout: timedOut += 1
        case .limit: limited += 1
        }
        if isSlow { slow += 1 }
    }
}

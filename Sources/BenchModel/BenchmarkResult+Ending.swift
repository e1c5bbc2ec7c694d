extension BenchmarkResult {
    /// Takes how `other` ended: outcome, exit code, signal, error, stderr tail, what killed it and
    /// the limit it hit, all from that one result. A merged result that said "killed by the memory
    /// limit" with another process's exit code would describe no process that ever ran.
    public mutating func takeEnding(of other: BenchmarkResult) {
        outcome = other.outcome
        exitCode = other.exitCode
        signal = other.signal
        error = other.error
        stderrTail = other.stderrTail
        killedBy = other.killedBy
        limitHit = other.limitHit
    }
}

/// What a benchmark's samples measure.
public enum Metric: String, Codable, Sendable, CaseIterable {
    /// Wall time per iteration, in nanoseconds (`samplesNs`). The default.
    case time
    /// Instructions executed per iteration, counted under valgrind (`samplesInstructions`). Near
    /// deterministic, so one run a side can decide a 1 % change; blind to I/O, waiting and cache misses.
    case instructions
}

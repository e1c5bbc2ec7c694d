/// What a benchmark's samples measure.
public enum Metric: String, Codable, Sendable, CaseIterable {
    /// Wall time per iteration, in nanoseconds (`samplesNs`). The default.
    case time
    /// Instructions executed per iteration, counted under valgrind (`samplesInstructions`). Near
    /// deterministic, so one run a side can decide a 1 % change; blind to I/O, waiting and cache misses.
    case instructions
}

extension Metric {
    /// A value of this metric in its unit: a duration from nanoseconds, or an instruction count.
    public func format(_ value: Double) -> String {
        switch self {
        case .time: UnitFormat.duration(ns: value)
        case .instructions: UnitFormat.instructions(value)
        }
    }
}

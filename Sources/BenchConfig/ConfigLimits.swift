/// The largest values config.toml accepts. Every duration is later turned into whole
/// nanoseconds (Int64/UInt64) and every count sizes an array, so a value past these bounds would
/// trap or exhaust memory after the benchmarks had run; `validate` refuses it up front instead.
public enum ConfigLimits {
    /// 7 days: `timeout_ms`, `grace_ms`, `min_time_ms` and `target_ms` stay far below the
    /// 9.2 × 10¹² ms that fit an Int64 of nanoseconds, with room for sums.
    public static let maxDurationMs = 604_800_000
    /// `warmup` and `iterations`; the same ceiling as `min_time_ms` extends a run to.
    public static let maxIterations = 1_000_000
    /// `rounds`: each round of a Swift benchmark is a process of its own with its own warm-up, so
    /// past a hundred the spawns and warm-ups outweigh the measuring (pyperf's default is 20).
    public static let maxRounds = 100
    /// `[history] max_file_mb`: 1 TiB, beyond which a size in bytes is no longer exact in a Double.
    public static let maxHistoryFileMB = 1_048_576
    /// The environment variable that tells a child where the result channel is. A benchmark's
    /// `env` cannot set it: the child would report on a descriptor benchboard does not read.
    public static let reservedEnvironment: Set<String> = ["BENCHBOARD_RESULT_FD"]

    /// "7 days" for messages.
    static let maxDurationText = "\(maxDurationMs) ms (7 days)"
}

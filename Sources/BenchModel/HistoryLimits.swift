/// What a history file may be before it is read at all, shared by the reader (BenchHistory) and
/// config.toml's `[history]` table (BenchConfig).
public enum HistoryLimits {
    /// 256 MiB: far above a real run file (1000 benchmarks × 1000 samples is about 20 MB), far
    /// below what would exhaust memory when a stray file is read whole.
    public static let defaultMaxFileBytes: Int64 = 256 * 1_048_576
    /// How far after this machine's clock a run may start before it counts as dated in the
    /// future: clocks of CI machines drift by seconds, not by an hour.
    public static let clockSkewSeconds: Double = 3600
}

import Foundation

/// What a history file may be, shared by the reader (BenchHistory), config.toml's `[history]`
/// table (BenchConfig) and what `import` and `merge` agree to write (BenchImport, BenchHistory):
/// a run is only written when the reader would read it back.
public enum HistoryLimits {
    /// 256 MiB: far above a real run file (1000 benchmarks × 1000 samples is about 20 MB), far
    /// below what would exhaust memory when a stray file is read whole.
    public static let defaultMaxFileBytes: Int64 = 256 * 1_048_576
    /// How far after this machine's clock a run may start before it counts as dated in the
    /// future: clocks of CI machines drift by seconds, not by an hour.
    public static let clockSkewSeconds: Double = 3600
    /// The earliest date a run may have: the Unix epoch. Before it, run file names (gmtime), the
    /// ISO 8601 dates (proleptic Gregorian) and `startedAtUnixNs` stop agreeing (a year-0001 date
    /// gave three different dates in one run), and no benchmark of interest ran before it.
    public static let earliestDate = Date(timeIntervalSince1970: 0)

    /// Why `date` cannot be a run's date, given this machine's clock `now`; nil when it can.
    public static func dateProblem(_ date: Date, now: Date) -> RunDateProblem? {
        if date < earliestDate { return .beforeEarliest(date) }
        if date > now.addingTimeInterval(clockSkewSeconds) { return .future(date, now: now) }
        return nil
    }
}

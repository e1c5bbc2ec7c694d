/// The version tag every history file carries. Readers accept this version and older ones
/// (migrating on read) and refuse newer ones, so an old benchboard never misreads a new file.
///
/// - /1: one process per benchmark per run.
/// - /2: a benchmark may be measured in several processes (`processes`, `rounds`), with batched
///   samples (`batchSize`), its `scalingFactor`, the clock's cost and A/B runs (`ab`).
public enum HistorySchema {
    public static let current = "benchboard.run/2"
    public static let prefix = "benchboard.run/"
    public static let currentVersion = 2
    /// The oldest schema this benchboard still reads (and migrates).
    public static let oldestVersion = 1
}

/// The version tag every history file carries. Readers accept this version and older ones
/// (migrating on read) and refuse newer ones, so an old benchboard never misreads a new file.
public enum HistorySchema {
    public static let current = "benchboard.run/1"
    public static let prefix = "benchboard.run/"
    public static let currentVersion = 1
}

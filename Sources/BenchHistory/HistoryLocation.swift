import BenchModel
import Foundation

/// Where the history is and what its files may be: the folder and `[history] max_file_mb`.
/// Every command builds one from its context (the `--history` folder or `[report] history`, and
/// the config's limits) and reads and writes the history only through it, so no command reads
/// the folder with other limits than the next.
public struct HistoryLocation: Sendable, Equatable {
    public var directory: URL
    /// A run file larger than this is skipped with a warning, unread, and never written.
    public var maxFileBytes: Int64

    public init(directory: URL, maxFileBytes: Int64 = HistoryLimits.defaultMaxFileBytes) {
        self.directory = directory.standardizedFileURL
        self.maxFileBytes = maxFileBytes
    }

    /// Another folder read with the same limits (a folder named as a baseline).
    public func folder(_ directory: URL) -> HistoryLocation {
        HistoryLocation(directory: directory, maxFileBytes: maxFileBytes)
    }

    public var store: HistoryStore { HistoryStore(self) }
}

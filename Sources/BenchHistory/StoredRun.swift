import BenchModel
import Foundation

/// A run read back from the history folder, with the file it came from.
public struct StoredRun: Sendable {
    public var record: RunRecord
    public var url: URL

    public init(record: RunRecord, url: URL) {
        self.record = record
        self.url = url
    }
}

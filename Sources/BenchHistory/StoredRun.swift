import BenchModel
import Foundation

/// A run read back from the history folder, with the file it came from.
public struct StoredRun: Sendable {
    public var record: RunRecord
    /// The run file, or the pack that holds the run.
    public var url: URL
    /// For a packed run, the name its run file had (`PackIndex.Entry.file`); nil for a run file.
    public var member: String?
    /// A hash of the bytes the run was read from (its file, or its pack and its name there), when
    /// the load went through the report cache; nil otherwise. Two loads that give a run the same
    /// fingerprint read the same run, so what was rendered from it before still holds.
    public var fingerprint: UInt64?

    public init(record: RunRecord, url: URL, member: String? = nil) {
        self.record = record
        self.url = url
        self.member = member
    }

    /// The run file's name, also for a packed run: what orders two runs that started together.
    public var name: String { member ?? url.lastPathComponent }

    /// "history/x.json", or "history/pack-2026-01-1.jsonl.gz#x.json" for a packed run.
    public func location(_ display: (URL) -> String) -> String {
        display(url) + (member.map { "#" + $0 } ?? "")
    }
}

import BenchModel
import Foundation

/// What `HistoryStore.recoverJournals()` did.
public struct JournalRecovery: Sendable {
    /// Journals of dead runs, now stored as interrupted runs.
    public var recovered: [RecoveredRun] = []
    /// Journals whose run file already existed (the run was stored, then benchboard died before it
    /// removed the journal): removed, the run file untouched.
    public var alreadyStored: [URL] = []
    /// Journals of runs still running, left alone.
    public var live: [PendingJournal] = []
    /// Journals that cannot be recovered, kept where they are.
    public var problems: [HistoryWarning] = []
    /// Temporary files of writers that died mid-write, removed.
    public var removedTemporaries: [URL] = []

    public init() {}
}

public struct RecoveredRun: Sendable {
    public var journal: URL
    public var runFile: URL
    public var record: RunRecord
    /// Lines of the journal that could not be used (a line cut short by the crash), as sentences.
    public var skippedLines: [String]
}

/// A journal in the history, as `runs` lists it: nothing is changed by looking.
public struct PendingJournal: Sendable {
    public var url: URL
    public var runID: String
    public var startedAt: Date
    public var owner: ProcessIdentity
    /// Benchmarks with at least one complete result line (a benchmark has one line per round).
    public var results: Int
    /// False once the process that wrote it is gone: the next `run`, `report` or `recover` stores it.
    public var ownerAlive: Bool
}

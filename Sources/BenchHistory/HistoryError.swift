import BenchModel
import Foundation

/// What can go wrong with the history folder, as sentences naming the file and what to do.
public enum HistoryError: Error, Sendable, CustomStringConvertible {
    case cannotCreateFolder(URL, reason: String)
    case cannotEncode(reason: String)
    case cannotWrite(URL, reason: String)
    case cannotList(URL, reason: String)
    /// A run file that cannot be used: unreadable, not JSON, foreign, newer or invalid.
    case unusableFile(URL, reason: String)
    case cannotDelete(URL, reason: String)
    /// A run every read of the history would skip, so it is not written (`HistoryStore.add`).
    case wouldBeSkipped(reason: String)
    /// A run whose file would be over `[history] max_file_mb`; `atLeast` when the size is the
    /// lower bound known before encoding.
    case tooLargeToWrite(bytes: Int64, atLeast: Bool, limit: Int64)
    /// `prune` was asked to delete nothing in particular.
    case pruneNeedsALimit
    case invalidKeepLast(Int)
    /// A pack's name is taken by a pack with other content (written outside the pack lock).
    case packTaken(URL)
    /// A pack just written does not read back as the runs it was written from.
    case packNotVerified(URL, reason: String)
    /// The run journal (what keeps finished results if benchboard dies) cannot be written.
    case cannotJournal(URL, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(url, reason):
            "cannot create the history folder \(DisplayPath.of(url)): \(Reason.clause(reason)); check the path and its permissions, or set [report] history"
        case let .cannotEncode(reason):
            "cannot encode the run as JSON: \(Reason.clause(reason))"
        case let .cannotWrite(url, reason):
            "cannot write the run file \(DisplayPath.of(url)): \(Reason.clause(reason)); check free space and permissions"
        case let .cannotList(url, reason):
            "cannot list the history folder \(DisplayPath.of(url)): \(Reason.clause(reason))"
        case let .unusableFile(url, reason):
            "\(DisplayPath.of(url)): \(reason)"
        case let .wouldBeSkipped(reason):
            "the run would be skipped by every read of the history (\(reason)), so it is not written"
        case let .tooLargeToWrite(bytes, atLeast, limit):
            "the run file would be \(atLeast ? "at least " : "")\(UnitFormat.mebibytes(bytes)), over the "
                + "\(UnitFormat.mebibytes(limit)) limit for a run file ([history] max_file_mb) that every read of the "
                + "history skips, so it is not written; raise max_file_mb in config.toml's [history] table, or keep fewer samples"
        case let .cannotDelete(url, reason):
            "cannot delete \(DisplayPath.of(url)): \(Reason.clause(reason))"
        case .pruneNeedsALimit:
            "say which runs to delete: keep the last N runs, delete those before a date, or both"
        case let .invalidKeepLast(count):
            "the number of runs to keep must be 0 or more, got \(count)"
        case let .packTaken(url):
            "\(DisplayPath.of(url)) already exists and holds other runs than this pack would; no run file was removed; "
                + "run `benchboard pack` again, which packs them into the next part"
        case let .packNotVerified(url, reason):
            "\(DisplayPath.of(url)) does not read back as the runs it was written from (\(reason)); it was removed again and "
                + "no run file was touched"
        case let .cannotJournal(url, reason):
            "cannot write the run journal \(DisplayPath.of(url)): \(reason); the run goes on, but if benchboard dies its finished results are lost"
        }
    }
}

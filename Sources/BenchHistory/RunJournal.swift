import BenchModel
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The journal a run writes while it runs (format: `JournalHeader`), so results already measured
/// survive benchboard dying: a crash of an in-process benchmark, SIGKILL, a power cut. Each
/// result is appended as one line and flushed to disk (`fsync`) before the next benchmark starts.
/// Once the run file is stored, `remove()` deletes the journal; a journal whose writer died is
/// turned into an interrupted run by `HistoryStore.recoverJournals()`.
///
/// Checked `Sendable`: the descriptor is only used under the one `Mutex`.
public final class RunJournal: Sendable {
    public let url: URL
    /// -1 once removed.
    private let descriptor: Mutex<Int32>

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
        }
    }

    /// Creates the journal of `run` (which has no results yet). The header is written through a
    /// temporary file and linked into place, so a journal never exists without its whole header.
    public static func start(_ run: RunRecord, in store: HistoryStore) throws(HistoryError) -> RunJournal {
        guard let owner = ProcessIdentity.current() else {
            throw .cannotJournal(store.journalDirectory, reason: "this system has no /proc to identify the running process by")
        }
        let folder = store.journalDirectory
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotJournal(folder, reason: AtomicFile.reason(error))
        }
        // The folder's own entry must survive a crash too.
        AtomicFile.syncDirectory(store.directory)
        var header: Data
        do {
            header = try JournalContents.encoder().encode(JournalHeader(owner: owner, run: run))
        } catch {
            throw .cannotEncode(reason: "\(error)")
        }
        header.append(UInt8(ascii: "\n"))
        let name = "\(HistoryStore.shortID(run.id)).jsonl"
        guard let url = try AtomicFile.createFirstFree(header, in: folder, candidates: [name]) else {
            throw .cannotJournal(folder.appendingPathComponent(name), reason: "a journal of a run with the same id exists")
        }
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = AtomicFile.message(errno)
            unlink(url.path)
            throw .cannotJournal(url, reason: reason)
        }
        return RunJournal(url: url, descriptor: fd)
    }

    /// Appends one finished result and flushes it to disk.
    public func append(_ result: BenchmarkResult) throws(HistoryError) {
        var line: Data
        do {
            line = try JournalContents.encoder().encode(result)
        } catch {
            throw .cannotEncode(reason: "\(error)")
        }
        line.append(UInt8(ascii: "\n"))
        let failure: Int32? = descriptor.withLock { fd in
            guard fd >= 0 else { return EBADF }
            return line.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
                guard let start = buffer.baseAddress else { return nil }
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, start + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return fsync(fd) == 0 ? nil : errno
            }
        }
        if let failure { throw .cannotJournal(url, reason: AtomicFile.message(failure)) }
    }

    /// The run file is stored: the journal has done its job.
    public func remove() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            close(fd)
            fd = -1
            unlink(url.path)
        }
    }
}

import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension HistoryStore {
    /// Where runs in progress keep their journals (`RunJournal`): hidden, so loaders skip it.
    public var journalDirectory: URL {
        directory.appendingPathComponent(".journal", isDirectory: true)
    }

    /// Stores the journal of every dead run (its writer is gone by `ProcessIdentity`) as a run
    /// marked interrupted, and removes temporaries whose writer died mid-write.
    ///
    /// Safe to call from several processes at once (two reports in one CI job, say): each journal
    /// is converted under an exclusive `flock` taken without waiting, so one process converts it and
    /// the others pass it by; the run file gets a name fixed by the run (start time and id) and is
    /// never written over, so a journal whose run file exists is only removed. Nothing else in the
    /// history is touched. Throws only when the history folder itself cannot be listed.
    public func recoverJournals() throws(HistoryError) -> JournalRecovery {
        if case let .unlistable(warning) = runFiles() {
            throw .cannotList(directory, reason: warning.reason)
        }
        var report = JournalRecovery()
        report.removedTemporaries = TemporaryName.removeStale(in: directory) + TemporaryName.removeStale(in: journalDirectory)
        for url in journalFiles() {
            switch recover(url) {
            case let .recovered(run): report.recovered.append(run)
            case .alreadyStored: report.alreadyStored.append(url)
            case let .live(pending): report.live.append(pending)
            case let .problem(reason): report.problems.append(HistoryWarning(url: url, reason: reason))
            case .gone: break
            }
        }
        return report
    }

    /// The journals in the history, read but not changed.
    public func pendingJournals() -> (journals: [PendingJournal], problems: [HistoryWarning]) {
        var journals: [PendingJournal] = []
        var problems: [HistoryWarning] = []
        for url in journalFiles() {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            switch JournalContents.parse(data) {
            case let .success(contents): journals.append(pending(url, contents))
            case let .failure(problem): problems.append(HistoryWarning(url: url, reason: problem.reason))
            }
        }
        return (journals, problems)
    }

    private func journalFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: journalDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted().map {
            journalDirectory.appendingPathComponent($0, isDirectory: false)
        }
    }

    private func pending(_ url: URL, _ contents: JournalContents) -> PendingJournal {
        let header = contents.header
        return PendingJournal(
            url: url, runID: header.run.id, startedAt: header.run.startedAt, owner: header.owner,
            results: contents.latestResults.count, ownerAlive: header.owner.isAlive)
    }

    private enum Outcome {
        case recovered(RecoveredRun)
        case alreadyStored
        case live(PendingJournal)
        case problem(String)
        /// Removed by another process meanwhile.
        case gone
    }

    private func recover(_ url: URL) -> Outcome {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? .gone : .problem("cannot open the run journal: \(AtomicFile.message(errno))")
        }
        defer { close(fd) }
        // Another process is converting it: that one finishes the job.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK ? .gone : .problem(AtomicFile.message(errno)) }
        // The lock holder before us may have stored and unlinked it while we waited to open it.
        var opened = stat()
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(url.path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev
        else { return .gone }
        // The run it becomes would be skipped by every reader anyway.
        guard Int64(opened.st_size) <= maxFileBytes else {
            return .problem("the run journal is larger than [history] max_file_mb (\(maxFileBytes / 1_048_576) MiB); raise the limit to recover it")
        }
        let data: Data
        do {
            data = try FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd() ?? Data()
        } catch {
            return .problem("cannot read the run journal: \(AtomicFile.reason(error))")
        }
        let contents: JournalContents
        switch JournalContents.parse(data) {
        case let .success(parsed): contents = parsed
        case let .failure(problem): return .problem(problem.reason)
        }
        if contents.header.owner.isAlive { return .live(pending(url, contents)) }

        var record = contents.header.run
        record.benchmarks = contents.latestResults
        record.interrupted = true
        // The last result's write is the last sign of life the run left.
        // glibc names the field st_mtim, Darwin st_mtimespec.
        #if canImport(Darwin)
        let lastWrite = Date(timeIntervalSince1970: TimeInterval(opened.st_mtimespec.tv_sec))
        #else
        let lastWrite = Date(timeIntervalSince1970: TimeInterval(opened.st_mtim.tv_sec))
        #endif
        record.finishedAt = max(record.startedAt, lastWrite)
        var encoded: Data
        do {
            encoded = try RunRecordCoding.encoder().encode(record)
        } catch {
            return .problem("cannot encode the recovered run: \(error)")
        }
        encoded.append(UInt8(ascii: "\n"))
        let runFile: URL?
        do {
            runFile = try AtomicFile.createFirstFree(encoded, in: directory, candidates: [Self.fileName(for: record)])
        } catch {
            return .problem(error.description)
        }
        unlink(url.path)
        AtomicFile.syncDirectory(journalDirectory)
        guard let runFile else { return .alreadyStored }
        return .recovered(RecoveredRun(journal: url, runFile: runFile, record: record, skippedLines: contents.skipped))
    }
}

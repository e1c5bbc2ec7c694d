import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension HistoryStore {
    /// Runs that stay run files when `benchboard pack` is given no `--keep`.
    public static let defaultPackKeep = 100

    /// Moves old run files into packs (`PackFile`), one month at a time.
    ///
    /// The rule: a UTC month is packed once it is closed, that is, before the month of the
    /// newest run, and none of its runs is among the newest `keep`. All its run files then go
    /// into its next pack, oldest first (start time, then id, then file name), split into parts
    /// so each stays under `PackReader.maxPackBytes` compressed and `maxInflatedBytes` inflated.
    /// The same runs therefore always give the same packs, byte for byte.
    ///
    /// A run that arrives after its month was packed (a late import, a recovered run) stays a run
    /// file until the next `pack`, which puts it into a new part of that month: a pack is never
    /// rewritten. A run too large for a pack of its own stays a run file.
    ///
    /// Safe against a second `pack` at the same time: the work happens under an exclusive `flock`
    /// on `.pack.lock` in the folder, so the second one waits and then finds the runs packed.
    /// Without the lock (a folder on a file system without `flock`) the names still protect the
    /// runs: a pack's name is fixed by its month and part and created exclusively, so of two
    /// writers one wins, and the other stops unless the file is byte for byte its own. A run file
    /// is removed only after its pack is on disk (flushed, its folder entry too) and has been read
    /// back and found to hold that very run.
    public func pack(keep: Int, dryRun: Bool, now: Date = Date()) throws(HistoryError) -> PackOutcome {
        if keep < 0 { throw .invalidKeepLast(keep) }
        let packNames: [URL]
        switch runFiles() {
        case let .unlistable(warning): throw .cannotList(directory, reason: warning.reason)
        case let .files(_, packs): packNames = packs
        }
        guard FileManager.default.fileExists(atPath: directory.path) else { return PackOutcome() }
        let lock = dryRun ? nil : try PackLock(directory: directory)
        defer { lock?.release() }
        // Listed again under the lock: a pack finished while this one waited counts.
        let loaded = load()
        let packs = dryRun ? packNames : try listedPacks()
        var outcome = PackOutcome()
        let plan = packPlan(loaded.runs, keep: keep)
        outcome.keptLoose = loaded.runs.filter { $0.member == nil }.count - plan.reduce(0) { $0 + $1.value.count }
        var nextPart: [String: Int] = [:]
        for url in packs {
            if let (period, part) = PackFile.parse(name: url.lastPathComponent) { nextPart[period] = max(nextPart[period] ?? 1, part + 1) }
        }
        for (period, runs) in plan.sorted(by: { $0.key < $1.key }) {
            let encoder = PackFile.encoder()
            var members: [PackFile.Member] = []
            for run in runs { members.append(try PackFile.Member(file: run.url.lastPathComponent, record: run.record, encoder: encoder)) }
            let (parts, tooLarge) = try split(period: period, members: members)
            outcome.tooLarge += tooLarge.map { directory.appendingPathComponent($0.file, isDirectory: false) }
            outcome.keptLoose += tooLarge.count
            for part in parts {
                let number = nextPart[period] ?? 1
                nextPart[period] = number + 1
                let (data, _) = try PackFile.encode(period: period, part: number, members: part)
                let url = directory.appendingPathComponent(PackFile.name(period: period, part: number), isDirectory: false)
                let loose = part.map { directory.appendingPathComponent($0.file, isDirectory: false) }
                outcome.packs.append(
                    PackOutcome.Pack(
                        url: url, period: period, part: number, runs: part.count, bytes: Int64(data.count),
                        looseBytes: loose.reduce(0) { $0 + Self.size(of: $1) }))
                guard !dryRun else {
                    outcome.removed += loose
                    continue
                }
                try place(data, at: url, members: part)
                for file in loose where unlink(file.path) == 0 { outcome.removed.append(file) }
                AtomicFile.syncDirectory(directory)
            }
        }
        // Run files a stopped pack left behind: their pack holds them, equal as decoded.
        for file in loaded.packedLoose {
            if dryRun || unlink(file.path) == 0 { outcome.removed.append(file) }
        }
        if !dryRun, !loaded.packedLoose.isEmpty { AtomicFile.syncDirectory(directory) }
        return outcome
    }

    /// The run files to pack, by month: see `pack`.
    func packPlan(_ runs: [StoredRun], keep: Int) -> [String: [StoredRun]] {
        guard let newest = runs.last else { return [:] }
        var cutoff = PackFile.period(of: newest.record)
        let firstKept = max(runs.count - keep, 0)
        if firstKept < runs.count { cutoff = min(cutoff, PackFile.period(of: runs[firstKept].record)) }
        var plan: [String: [StoredRun]] = [:]
        for run in runs where run.member == nil {
            let period = PackFile.period(of: run.record)
            if period < cutoff { plan[period, default: []].append(run) }
        }
        return plan
    }

    /// `members` in parts that each fit a pack: halved until they do. A single run that does not
    /// fit stays a run file.
    private func split(period: String, members: [PackFile.Member]) throws(HistoryError) -> (parts: [[PackFile.Member]], tooLarge: [PackFile.Member]) {
        guard !members.isEmpty else { return ([], []) }
        // The part number does not change the size enough to matter: measured with part 1.
        let (data, inflated) = try PackFile.encode(period: period, part: 1, members: members)
        if Int64(data.count) < PackReader.maxPackBytes(maxFileBytes) - 4096, Int64(inflated) < PackReader.maxInflatedBytes(maxFileBytes) {
            return ([members], [])
        }
        if members.count == 1 { return ([], members) }
        let half = members.count / 2
        let first = try split(period: period, members: Array(members[..<half]))
        let second = try split(period: period, members: Array(members[half...]))
        return (first.parts + second.parts, first.tooLarge + second.tooLarge)
    }

    /// Creates the pack under its name, or accepts the file already there when it is byte for
    /// byte this pack, then reads it back: it must hold exactly `members`.
    private func place(_ data: Data, at url: URL, members: [PackFile.Member]) throws(HistoryError) {
        let created = try AtomicFile.createFirstFree(data, in: directory, candidates: [url.lastPathComponent]) != nil
        if !created, FileManager.default.contents(atPath: url.path) != data { throw .packTaken(url) }
        let problem: String?
        switch PackReader.read(url, maxFileBytes: maxFileBytes, now: nil) {
        case let .failure(failure): problem = failure.reason
        case let .success(contents):
            let records = contents.members.compactMap { try? $0.get() }
            if contents.index.runs.map(\.file) != members.map(\.file) || records != members.map(\.record) {
                problem = "its runs differ from the run files'"
            } else {
                problem = nil
            }
        }
        guard let problem else { return }
        if created { unlink(url.path) }
        throw .packNotVerified(url, reason: problem)
    }

    private func listedPacks() throws(HistoryError) -> [URL] {
        switch runFiles() {
        case let .unlistable(warning): throw .cannotList(directory, reason: warning.reason)
        case let .files(_, packs): return packs
        }
    }

    static func size(of url: URL) -> Int64 {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int64(info.st_size) : 0
    }
}

import BenchModel
import Dispatch
import Foundation

/// The report cache: the decoded runs of each history file, in a compact binary file
/// (`CacheFileFormat`) that loads many times faster than the JSON, so a report after one new
/// run decodes that run's file only.
///
/// It is derived and disposable. A cached file's runs are used only while the file's name, size,
/// modification time and inode are the ones recorded, or, when only those changed (a fresh
/// checkout in CI), while its bytes still hash the same; anything else is decoded from its file.
/// A file that is gone (pruned) drops out at the next write. A cache written by another
/// benchboard version or with another `[history] max_file_mb` is rebuilt. A damaged or truncated
/// cache is ignored with one warning and rebuilt. Deleting it costs one full decode.
///
/// A pack is one entry like a run file (keyed the same way), holding all its runs with the names
/// their files had, so a report on a packed history inflates no pack it has read before.
///
/// Only runs are cached here, nothing derived from thresholds, templates or the baseline, so those
/// never make it stale: every report is rendered from the runs as if they had been decoded. (The
/// report's own cache of rendered pages, `PageCache`, keeps its file in the same folder and keys
/// each page on the templates, the settings and the version.)
public struct HistoryCache: Sendable {
    public static let fileName = "runs.bin"
    public static let additionsFileName = "runs.new.bin"
    /// The folder's name where `defaultDirectory` puts it.
    public static let folderName = ".benchboard-cache"

    public var directory: URL
    /// The benchboard version that writes it: another version's cache is rebuilt.
    public var version: String

    public init(directory: URL, version: String) {
        self.directory = directory.standardizedFileURL
        self.version = version
    }

    public var file: URL { directory.appendingPathComponent(Self.fileName, isDirectory: false) }
    /// The entries added since `file` was written (`HistoryCache+Files.swift`).
    public var additionsFile: URL { directory.appendingPathComponent(Self.additionsFileName, isDirectory: false) }

    /// `.benchboard-cache` beside the history folder, unless that is inside the report folder
    /// (the default `output/history`): the report folder is what gets published, so the cache
    /// then goes beside the report folder instead.
    public static func defaultDirectory(history: URL, output: URL) -> URL {
        let beside = history.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(folderName)
        let outputPath = output.standardizedFileURL.path
        if beside.path == outputPath || beside.path.hasPrefix(outputPath.hasSuffix("/") ? outputPath : outputPath + "/") {
            return output.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(folderName)
        }
        return beside
    }

    /// What a source's bytes decode to: its runs, or why it is skipped as a whole. The URL says
    /// which kind of file it is (a run file or a pack).
    typealias SourceDecoder = @Sendable (URL, Data) -> Result<[SourceRun], RunFileProblem>

    /// The runs of each of `urls` (the order kept), taken from the cache where the file is the one
    /// cached and decoded with `decode` otherwise; then the cache is written anew when anything
    /// changed. Reading is spread over the cores like the loader's own.
    ///
    /// `deferring`: runs taken from the cache come without their results, with their digests and
    /// the results left in the cache's bytes (`SourceRun.deferred`); decoded runs come whole.
    func resolve(_ urls: [URL], maxFileBytes: Int64, deferring: Bool = false, decode: SourceDecoder)
        -> (results: [ReadSource], report: HistoryCacheReport)
    {
        var report = HistoryCacheReport(file: file)
        let header = CacheFileFormat.Header(version: version, maxFileBytes: maxFileBytes)
        var stored = StoredEntries()
        switch readStored(header) {
        case let .success(found): stored = found
        case let .failure(damage):
            report.warning = "the report cache \(DisplayPath.of(file)) is unusable (\(damage.reason)); it is rebuilt"
        }
        let lookup = stored.entries
        // The newest cached run's benchmark names: most runs have the same, whose digests then
        // share these strings instead of each allocating its own.
        let names = deferring ? Self.names(in: stored) : []
        let resolved = ParallelMap.map(urls) { url in
            let cached = lookup[url.lastPathComponent]
            return Self.resolve(
                url, cached: cached?.entry, trustedBefore: cached?.trustedBefore ?? .min, maxFileBytes: maxFileBytes,
                deferring: deferring, names: names, decode: decode)
        }
        var entries: [CacheEntry] = []
        // A file that is skipped is read again next time (so its warning stays), but it alone
        // does not make the cache be written again.
        var changed = report.warning != nil
        for source in resolved {
            switch source.origin {
            case .cache: report.reusedFiles += 1
            case .rehashed: report.reusedFiles += 1
            case .decoded: report.decodedFiles += 1
            }
            if source.origin != .cache, source.entry != nil { changed = true }
            if let entry = source.entry { entries.append(entry) }
        }
        // Every reused entry came from what was stored once: fewer means a file was removed.
        changed = changed || entries.count != stored.entries.count
        if changed {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try ignoreInGit()
                try write(entries, header: header, over: stored)
                report.written = true
            } catch {
                report.warning = (report.warning.map { $0 + "; " } ?? "")
                    + "the report cache \(DisplayPath.of(file)) cannot be written (\(AtomicFile.reason(error))); "
                    + "the next report decodes every file again"
            }
        }
        return (resolved.map { ReadSource(result: $0.result, contentHash: $0.contentHash) }, report)
    }

    /// The folder ignores itself in git wherever it lands, so the cache is never committed by accident.
    private func ignoreInGit() throws {
        let ignore = directory.appendingPathComponent(".gitignore", isDirectory: false)
        guard !FileManager.default.fileExists(atPath: ignore.path) else { return }
        try Data("# benchboard's report cache: derived from the history, safe to delete.\n*\n".utf8).write(to: ignore, options: .atomic)
    }

    /// A file modified this close to the cache's writing may have changed again within the same
    /// tick of the file system's clock without its time changing (git calls these "racy"): its
    /// identity is not trusted, and its bytes are hashed instead.
    static let racyWindowNs: Int64 = 2_000_000_000

    static func nowNs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1e9).rounded(.down)) }

    private enum Origin: Sendable { case cache, rehashed, decoded }

    private struct Resolved: Sendable {
        var result: Result<[SourceRun], RunFileProblem>
        var origin: Origin
        /// What the next cache file holds for this source; nil when it is skipped.
        var entry: CacheEntry?
        /// The hash of its bytes, when they were read or are known.
        var contentHash: UInt64?
    }

    /// The digest names of the last run of the entry whose name sorts last (a run file's name
    /// starts with its time, so mostly the newest run); none when it cannot be read.
    private static func names(in stored: StoredEntries) -> [String] {
        guard let newest = stored.entries.keys.max(), let entry = stored.entries[newest]?.entry,
            let run = runs(in: entry.payload, deferring: true)?.last
        else { return [] }
        return run.deferred?.digests.map(\.name) ?? []
    }

    private static func resolve(
        _ url: URL, cached: CacheEntry?, trustedBefore: Int64, maxFileBytes: Int64, deferring: Bool, names: [String],
        decode: SourceDecoder
    ) -> Resolved {
        let identity = SourceIdentity.of(url)
        if let cached, let identity, identity.size <= maxFileBytes, cached.identity == identity,
            identity.modifiedNs < trustedBefore, let runs = runs(in: cached.payload, deferring: deferring, names: names)
        {
            return Resolved(result: .success(runs), origin: .cache, entry: cached, contentHash: cached.contentHash)
        }
        // Not known as it is now: read it (with the reader's checks), and reuse the cached runs
        // only when the bytes are the same.
        let data: Data
        switch RunFileReader.contents(of: url, maxBytes: maxFileBytes) {
        case let .success(bytes): data = bytes
        case let .failure(problem): return Resolved(result: .failure(problem), origin: .decoded, entry: nil)
        }
        let hash = ContentHash.of(data)
        if let cached, let identity, cached.identity.size == identity.size, cached.contentHash == hash,
            let runs = runs(in: cached.payload, deferring: deferring)
        {
            // The same bytes: a racy entry stays as it is; a moved or re-checked-out file is
            // recorded under its new identity.
            return Resolved(
                result: .success(runs), origin: cached.identity == identity ? .cache : .rehashed,
                entry: CacheEntry(identity: identity, contentHash: hash, payload: cached.payload), contentHash: hash)
        }
        let result = decode(url, data)
        // A source is cached only when every run in it can be used: one with a run that fails
        // (in a pack) is read again next time, so its warning stays.
        guard case let .success(runs) = result, let identity, let payload = payload(runs) else {
            return Resolved(result: result, origin: .decoded, entry: nil, contentHash: hash)
        }
        let stored = CachePayload.bytes(Data(payload))
        // Deferring, the runs just decoded are handed on as the cache will give them next time:
        // digests, with their results left in the encoded bytes. A first report of a long history
        // then holds every run's encoded bytes (a fifth of the JSON), not every decoded result.
        if deferring, let deferred = Self.runs(in: stored, deferring: true) {
            return Resolved(
                result: .success(deferred), origin: .decoded, entry: CacheEntry(identity: identity, contentHash: hash, payload: stored),
                contentHash: hash)
        }
        return Resolved(
            result: result, origin: .decoded, entry: CacheEntry(identity: identity, contentHash: hash, payload: stored),
            contentHash: hash)
    }

    /// Each run with the name it has in its pack; nil when one of them cannot be used.
    static func payload(_ runs: [SourceRun]) -> [UInt8]? {
        var records: [(String?, RunRecord)] = []
        records.reserveCapacity(runs.count)
        for run in runs {
            guard case let .success(record) = run.result else { return nil }
            records.append((run.member, record))
        }
        var w = CacheWriter(capacity: 4096)
        w.array(records) { w, run in
            w.optional(run.0) { $0.string($1) }
            CacheRecordCoding.write(run.1, to: &w)
        }
        return w.bytes
    }

    /// Nil when the payload does not decode: the file is then decoded from its source instead.
    /// `deferring`: each run without its results, which are left where they are
    /// (`SourceRun.deferred`): only each run's header and digests are read.
    /// `names`: what each deferred run's digest names most likely are (`readDeferring`).
    static func runs(in payload: CachePayload, deferring: Bool = false, names: [String] = []) -> [SourceRun]? {
        guard deferring else {
            guard let data = payload.bytes() else { return nil }
            return data.withUnsafeBytes { bytes in
                var r = CacheReader(bytes)
                let runs = try? r.array { r throws(CacheDamage) in
                    SourceRun(
                        member: try r.optional { r throws(CacheDamage) in try r.string() },
                        result: .success(try CacheRecordCoding.read(&r)))
                }
                guard let runs, r.remaining == 0, !r.isPastEnd else { return nil }
                return runs
            }
        }
        let window = CacheWindow(source: payload, end: payload.count)
        do throws(CacheDamage) {
            let count = try window.read(at: 0, piece: 16) { r throws(CacheDamage) in try r.length() }
            var position = count.end
            var runs: [SourceRun] = []
            for _ in 0..<count.value {
                let found = try window.read(at: position) { r throws(CacheDamage) in
                    let member = try r.optional { r throws(CacheDamage) in try r.string() }
                    let run = try CacheRecordCoding.readDeferring(&r, names: names)
                    return (member, run)
                }
                let (member, run) = found.value
                // `found.end` is past the results, which the read stepped over.
                let resultsStart = position + run.results.lowerBound
                guard let results = payload.slice(at: resultsStart, count: run.results.count) else { return nil }
                runs.append(SourceRun(member: member, result: .success(run.run), deferred: DeferredRun(digests: run.digests, results: DeferredResults(results))))
                position = found.end
            }
            return position == payload.count ? runs : nil
        } catch {
            return nil
        }
    }

    /// `runs(in:deferring:)` of bytes in memory.
    static func runs(in data: Data, deferring: Bool = false) -> [SourceRun]? {
        runs(in: .bytes(data), deferring: deferring)
    }

}

/// What a load through the cache did: for `report` to warn about, and for tests to count.
public struct HistoryCacheReport: Sendable, Equatable {
    public var file: URL
    /// Source files whose runs came from the cache.
    public var reusedFiles = 0
    /// Source files that were read and decoded from JSON (including those that were skipped).
    public var decodedFiles = 0
    /// Whether the cache file was written anew.
    public var written = false
    /// At most one sentence: the cache was unusable and rebuilt, or could not be written.
    public var warning: String?

    public init(file: URL) {
        self.file = file
    }
}

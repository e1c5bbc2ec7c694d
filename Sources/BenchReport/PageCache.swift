import BenchModel
import Foundation

/// The pages a report wrote, each under the key of what it was made from, so the next report
/// renders only the pages whose inputs changed. It lives in the report cache's folder (beside
/// the runs' `runs.bin`), never in the site.
///
/// A key covers everything the page is made of: this benchboard's version and `format`, every
/// template (the built-in ones and the overrides), every report setting (`SettingsDescription`),
/// and the page's own inputs, e.g. for a quarter's archive the quarter and the fingerprints of
/// its runs (`ReportRun.fingerprint`, a hash of the bytes each was read from).
/// A page is reused only while its file in the output folder is the one written under that key:
/// the same size, time, inode and device (trusted when older than `racyWindowNs` before the
/// cache was written), or otherwise the same bytes, hashed. Anything else is rendered again, so
/// a report through the cache writes the bytes one without it writes. Deleting the file is safe:
/// every page is rendered once more.
public struct PageCache: Sendable {
    public static let fileName = "pages.json"
    /// Raised whenever what a page key covers, or how a page is rendered from the same inputs
    /// within one version, changes.
    static let format = 1
    /// A page written this close to the cache's writing may have changed again within the same
    /// tick of the file system's clock: its bytes are hashed instead of trusting its time.
    static let racyWindowNs: Int64 = 2_000_000_000

    public var directory: URL
    /// The benchboard version: part of every key.
    public var version: String

    public init(directory: URL, version: String) {
        self.directory = directory.standardizedFileURL
        self.version = version
    }

    public var file: URL { directory.appendingPathComponent(Self.fileName, isDirectory: false) }
}

/// One report's use of the page cache: what the previous report recorded, read once, and what
/// this one records, written at the end. Pages are rendered on every core, so the record sits
/// behind a lock.
final class PageCacheSession: @unchecked Sendable {
    struct Entry: Codable, Sendable {
        /// `PageKey.hex` of the page's inputs.
        var key: String
        /// `PageKey.hex` of the file's bytes.
        var bytes: String
        var size: Int64
        var modifiedNs: Int64
        var inode: UInt64
        var device: UInt64
    }

    private struct Stored: Codable {
        var format: Int
        var version: String
        var writtenNs: Int64
        /// By path relative to the output folder.
        var pages: [String: Entry]
    }

    let cache: PageCache
    /// The version, the format, the templates and the settings: where every page key starts.
    let base: PageKey
    private let previous: [String: Entry]
    private let trustedBefore: Int64
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var next: [String: Entry] = [:]
    private var counts = (reused: 0, rendered: 0)

    init(cache: PageCache, templates: PageKey, settings: String) {
        self.cache = cache
        var digest = PageDigest()
        digest.string("benchboard pages")
        digest.int(PageCache.format)
        digest.string(cache.version)
        digest.key(templates)
        digest.string(settings)
        base = digest.key
        let stored = (try? Data(contentsOf: cache.file)).flatMap { try? JSONDecoder().decode(Stored.self, from: $0) }
        if let stored, stored.format == PageCache.format, stored.version == cache.version {
            previous = stored.pages
            trustedBefore = stored.writtenNs - PageCache.racyWindowNs
        } else {
            previous = [:]
            trustedBefore = .min
        }
    }

    /// A page's key: `base`, the kind of page, then what `inputs` adds.
    func key(_ kind: String, _ inputs: (inout PageDigest) -> Void) -> PageKey {
        var digest = PageDigest()
        digest.key(base)
        digest.string(kind)
        inputs(&digest)
        return digest.key
    }

    /// Whether every one of `files` (each at `path` in the output folder) still holds what was
    /// made under `key`; when all do, they are recorded for the next report as they are. One
    /// changed file reuses none of them: files made together (a quarter's run list and its CSV)
    /// are rendered together.
    func reuse(_ files: [(path: String, file: URL)], key: PageKey) -> Bool {
        var entries: [(path: String, entry: Entry)] = []
        for (path, file) in files {
            guard let entry = unchanged(path: path, file: file, key: key) else { return false }
            entries.append((path, entry))
        }
        lock.lock()
        for (path, entry) in entries { next[path] = entry }
        counts.reused += entries.count
        lock.unlock()
        return true
    }

    /// The entry of `file` when it still holds the page made under `key`, with its identity as
    /// it is now; nil otherwise.
    private func unchanged(path: String, file: URL, key: PageKey) -> Entry? {
        guard var entry = previous[path], entry.key == key.hex, let stamp = FileStamp.of(file.path, followingLinks: false)
        else { return nil }
        let trusted = stamp.size == entry.size && stamp.modifiedNs == entry.modifiedNs && stamp.inode == entry.inode
            && stamp.device == entry.device && stamp.modifiedNs < trustedBefore
        if !trusted {
            guard stamp.size == entry.size, let data = try? Data(contentsOf: file), PageDigest.of(data).hex == entry.bytes
            else { return nil }
            (entry.modifiedNs, entry.inode, entry.device) = (stamp.modifiedNs, stamp.inode, stamp.device)
        }
        return entry
    }

    /// Records a page just written (or left as it was, holding these bytes) under `key`.
    func record(path: String, file: URL, key: PageKey, bytes: Data) {
        guard let stamp = FileStamp.of(file.path, followingLinks: false), stamp.size == bytes.count else { return }
        let entry = Entry(
            key: key.hex, bytes: PageDigest.of(bytes).hex, size: stamp.size, modifiedNs: stamp.modifiedNs, inode: stamp.inode,
            device: stamp.device)
        lock.lock()
        next[path] = entry
        counts.rendered += 1
        lock.unlock()
    }

    /// How many pages were reused and how many rendered with a key.
    var tally: (reused: Int, rendered: Int) {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// Writes what this report recorded (pages it did not write drop out); a sentence when the
    /// file cannot be written, which costs the next report its renders and nothing else.
    func save() -> String? {
        lock.lock()
        let stored = Stored(format: PageCache.format, version: cache.version, writtenNs: Self.nowNs(), pages: next)
        lock.unlock()
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = try encoder.encode(stored)
            try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
            try data.write(to: cache.file, options: .atomic)
            return nil
        } catch {
            return "the page cache \(cache.file.path) cannot be written (\((error as NSError).localizedDescription)); "
                + "the next report renders every page again"
        }
    }

    private static func nowNs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1e9).rounded(.down)) }
}

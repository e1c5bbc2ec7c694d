import BenchModel
import Foundation

/// What identifies a source file without reading it: name, size, modification time, inode and
/// device. A run file is never rewritten, so while these match, its runs are the cached ones.
struct SourceIdentity: Equatable, Sendable {
    var name: String
    var size: Int64
    var modifiedNs: Int64
    var inode: UInt64
    var device: UInt64

    /// Nil for anything but a regular file: those take the reader's path, which says why it is skipped.
    static func of(_ url: URL) -> SourceIdentity? {
        guard let stamp = FileStamp.of(url.path, followingLinks: true) else { return nil }
        return SourceIdentity(
            name: url.lastPathComponent, size: stamp.size, modifiedNs: stamp.modifiedNs, inode: stamp.inode, device: stamp.device)
    }
}

/// One source file's runs as the cache holds them: its identity, a hash of its bytes, and the
/// encoded runs (one for a run file; a pack's runs, each with the name its run file had).
struct CacheEntry: Sendable {
    var identity: SourceIdentity
    var contentHash: UInt64
    /// A count, then per run its name in a pack (an optional string) and its `CacheRecordCoding`;
    /// decoded only when used, and copied as they are into the next cache file. A slice of the
    /// cache file as read, not a copy of it: the file is tens of MB at a thousand runs.
    var payload: Data
}

/// The cache file's layout:
///
///     magic "benchboard-cache\n", format (varint), benchboard version (string), max file bytes,
///     the time it was written (ns since 1970), the checksum of the file it extends (8 bytes, 0 for
///     none), entry count, then per entry (sorted by name): name, size, mtime ns, inode, device,
///     content hash (8 bytes), payload length, payload; last, 8 bytes: `ContentHash` of all before.
///
/// `runs.bin` extends nothing; `runs.new.bin` holds the entries added since, and names the
/// `runs.bin` it extends by that file's checksum (`HistoryCache` has the rule).
///
/// The trailing hash makes a damaged or truncated file fail as a whole, before any run from it
/// is used. The version and the file limit are in the header because a cached run must be one
/// this benchboard, with these limits, would have read.
enum CacheFileFormat {
    static let magic = Array("benchboard-cache\n".utf8)
    /// Raised whenever the layout or `CacheRecordCoding` changes (2: packs are entries, each run
    /// with its name in the pack; the file a file extends; 3: a run's digests before its results,
    /// which a report steps over for the runs it does not show in full).
    static let format: UInt64 = 3

    struct Header: Equatable {
        var version: String
        var maxFileBytes: Int64
    }

    static func encode(_ header: Header, writtenNs: Int64, extends: UInt64 = 0, entries: [CacheEntry]) -> [UInt8] {
        var w = CacheWriter(capacity: entries.reduce(64) { $0 + $1.payload.count + 64 })
        w.raw(magic)
        w.unsigned(format)
        w.string(header.version)
        w.signed(header.maxFileBytes)
        w.signed(writtenNs)
        w.fixed64(extends)
        w.unsigned(UInt64(entries.count))
        for entry in entries.sorted(by: { $0.identity.name < $1.identity.name }) {
            w.string(entry.identity.name)
            w.signed(entry.identity.size)
            w.signed(entry.identity.modifiedNs)
            w.unsigned(entry.identity.inode)
            w.unsigned(entry.identity.device)
            w.fixed64(entry.contentHash)
            w.unsigned(UInt64(entry.payload.count))
            w.raw(entry.payload)
        }
        let checksum = w.bytes.withUnsafeBytes { ContentHash.of($0) }
        w.fixed64(checksum)
        return w.bytes
    }

    enum Decoded {
        /// `checksum`: the file's own, which a file extending it names.
        case entries([CacheEntry], writtenNs: Int64, extends: UInt64, checksum: UInt64)
        /// Written by another benchboard or with other limits: rebuilt without a warning.
        case stale
    }

    /// The entries' payloads are slices of `data`. `bodyHash`: `ContentHash` of all but its last
    /// 8 bytes when already known (`MappedFile`), so that checking it does not read every page.
    static func decode(_ data: Data, expecting header: Header, bodyHash: UInt64? = nil) throws(CacheDamage) -> Decoded {
        let parsed = data.withUnsafeBytes { bytes -> Result<Parsed, CacheDamage> in
            do throws(CacheDamage) {
                return .success(try parse(bytes, expecting: header, bodyHash: bodyHash))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case let .failure(damage): throw damage
        case .success(.stale): return .stale
        case let .success(.entries(entries, writtenNs, extends, checksum)):
            let start = data.startIndex
            return .entries(
                entries.map { CacheEntry(identity: $0.identity, contentHash: $0.hash, payload: data[(start + $0.payload.lowerBound)..<(start + $0.payload.upperBound)]) },
                writtenNs: writtenNs, extends: extends, checksum: checksum)
        }
    }

    private enum Parsed {
        case entries([(identity: SourceIdentity, hash: UInt64, payload: Range<Int>)], writtenNs: Int64, extends: UInt64, checksum: UInt64)
        case stale
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, expecting header: Header, bodyHash: UInt64?) throws(CacheDamage)
        -> Parsed
    {
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else {
            throw CacheDamage(reason: "it is not a benchboard cache file")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)])
        var trailer = CacheReader(bytes, offset: bytes.count - 8)
        let checksum = try trailer.fixed64()
        guard checksum == bodyHash ?? ContentHash.of(body) else {
            throw CacheDamage(reason: "its checksum does not match (a damaged or truncated file)")
        }
        var r = CacheReader(body, offset: magic.count)
        guard try r.unsigned() == format else { return .stale }
        let found = Header(version: try r.string(), maxFileBytes: try r.signed())
        guard found == header else { return .stale }
        let writtenNs = try r.signed()
        let extends = try r.fixed64()
        let count = try r.count()
        var entries: [(identity: SourceIdentity, hash: UInt64, payload: Range<Int>)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let identity = SourceIdentity(
                name: try r.string(), size: try r.signed(), modifiedNs: try r.signed(), inode: try r.uint64(),
                device: try r.uint64())
            let hash = try r.fixed64()
            let length = try r.count()
            let start = r.offset
            _ = try r.raw(length)
            entries.append((identity, hash, start..<(start + length)))
        }
        guard r.remaining == 0 else { throw CacheDamage(reason: "it has bytes after its last entry") }
        return .entries(entries, writtenNs: writtenNs, extends: extends, checksum: checksum)
    }
}

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
    /// decoded only when used, and copied as they are into the next cache file. Where it is in
    /// the cache file as opened, not a copy of it: the file is hundreds of MB at thousands of runs.
    var payload: CachePayload
}

/// The cache file's layout:
///
///     magic "benchboard-cache\n", format (varint), benchboard version (string), max file bytes,
///     the time it was written (ns since 1970), the checksum of the file it extends (8 bytes, 0 for
///     none), entry count, then per entry (sorted by name): name, size, mtime ns, inode, device,
///     content hash (8 bytes), payload length, payload; last, 8 bytes: `CacheChecksum` of all before.
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
    /// which a report steps over for the runs it does not show in full; 4: the checksum is
    /// `CacheChecksum`'s, of parts hashed on every core).
    static let format: UInt64 = 4

    struct Header: Equatable {
        var version: String
        var maxFileBytes: Int64
    }

    /// Fails when an entry's payload can no longer be read from the file it is in.
    static func encode(_ header: Header, writtenNs: Int64, extends: UInt64 = 0, entries: [CacheEntry]) throws(CacheDamage)
        -> [UInt8]
    {
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
            guard let payload = entry.payload.bytes() else { throw CacheDamage(reason: "an entry cannot be read back") }
            w.unsigned(UInt64(payload.count))
            w.raw(payload)
        }
        let checksum = w.bytes.withUnsafeBytes { CacheChecksum.of($0) }
        w.fixed64(checksum)
        return w.bytes
    }

    enum Decoded {
        /// `checksum`: the file's own, which a file extending it names.
        case entries([CacheEntry], writtenNs: Int64, extends: UInt64, checksum: UInt64)
        /// Written by another benchboard or with other limits: rebuilt without a warning.
        case stale
    }

    /// The entries of a whole cache file (`source`), each payload a part of it. Read a piece at a
    /// time: the magic and header, then each entry's identity and length, stepping over the
    /// payloads. The checksum is checked first, over all of it (`CachePayload.checksumOfBody`).
    static func decode(_ source: CachePayload, expecting header: Header) throws(CacheDamage) -> Decoded {
        guard source.count >= magic.count + 8, let start = source.bytes(at: 0, count: magic.count),
            start.elementsEqual(magic)
        else {
            throw CacheDamage(reason: "it is not a benchboard cache file")
        }
        let bodyCount = source.count - 8
        guard let trailer = source.bytes(at: bodyCount, count: 8), let body = source.checksumOfBody() else {
            throw CacheDamage(reason: "it cannot be read")
        }
        let checksum = trailer.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> UInt64? in
            var r = CacheReader(bytes)
            return try? r.fixed64()
        }
        guard let checksum, checksum == body else {
            throw CacheDamage(reason: "its checksum does not match (a damaged or truncated file)")
        }
        let window = CacheWindow(source: source, end: bodyCount)
        let top = try window.read(at: magic.count) { r throws(CacheDamage) -> Header? in
            guard try r.unsigned() == format else { return nil }
            let found = Header(version: try r.string(), maxFileBytes: try r.signed())
            guard found == header else { return nil }
            return found
        }
        guard top.value != nil else { return .stale }
        let counts = try window.read(at: top.end) { r throws(CacheDamage) in
            (try r.signed(), try r.fixed64(), try r.length())
        }
        let (writtenNs, extends, count) = counts.value
        var position = counts.end
        var entries: [CacheEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let found = try window.read(at: position, piece: 512) { r throws(CacheDamage) in
                let identity = SourceIdentity(
                    name: try r.string(), size: try r.signed(), modifiedNs: try r.signed(), inode: try r.uint64(),
                    device: try r.uint64())
                return (identity, try r.fixed64(), try r.length())
            }
            let (identity, hash, length) = found.value
            guard let payload = source.slice(at: found.end, count: length), found.end + length <= bodyCount else {
                throw CacheDamage(reason: "an entry runs past the end")
            }
            entries.append(CacheEntry(identity: identity, contentHash: hash, payload: payload))
            position = found.end + length
        }
        guard position == bodyCount else { throw CacheDamage(reason: "it has bytes after its last entry") }
        return .entries(entries, writtenNs: writtenNs, extends: extends, checksum: checksum)
    }

    /// `decode` of bytes in memory.
    static func decode(_ data: Data, expecting header: Header) throws(CacheDamage) -> Decoded {
        try decode(.bytes(data), expecting: header)
    }
}

/// Reads values from a `CachePayload` a piece at a time: each `read` parses from `offset` in a
/// piece of the bytes, and reads a four times longer piece whenever the value runs past the piece
/// it has, up to the end. So a reader holds a few KB of a file of hundreds of MB.
struct CacheWindow {
    let source: CachePayload
    /// Where the bytes to read end (a cache file's checksum is not read through a window).
    let end: Int

    /// The first piece read; most values fit in it.
    static let initialPiece = 32 * 1024

    /// `piece`: how much to read first, where the caller knows its values to be short.
    func read<T>(at offset: Int, piece first: Int = initialPiece, _ parse: (inout CacheReader) throws(CacheDamage) -> T)
        throws(CacheDamage) -> (value: T, end: Int)
    {
        var piece = first
        while true {
            let length = min(piece, end - offset)
            guard offset <= end, let bytes = source.bytes(at: offset, count: length) else { throw .early }
            let outcome = bytes.withUnsafeBytes { buffer -> Result<(T, Int), CacheDamage> in
                var r = CacheReader(buffer)
                do throws(CacheDamage) {
                    let value = try parse(&r)
                    return .success((value, r.offset))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case let .success((value, used)):
                return (value, offset + used)
            case let .failure(damage) where damage.endsEarly && length < end - offset:
                piece *= 4
            case let .failure(damage):
                throw damage
            }
        }
    }
}

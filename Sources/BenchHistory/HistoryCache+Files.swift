import Foundation

extension HistoryCache {
    /// What the cache's files hold: every entry by name, with the time before which its file's
    /// identity is trusted (`racyWindowNs` before the file that holds it was written), and what
    /// `runs.bin` holds alone, which decides whether it must be written again.
    struct StoredEntries {
        var entries: [String: (entry: CacheEntry, trustedBefore: Int64)] = [:]
        /// `runs.bin`'s entries by name, its checksum and size; nil without a usable one.
        var base: [String: CacheEntry] = [:]
        var baseChecksum: UInt64?
        var baseBytes = 0
    }

    /// `runs.bin`, and `runs.new.bin` when it extends that very file (by its checksum). Missing
    /// files and another version's are an empty cache; a damaged one is a failure (a warning, and
    /// the cache is rebuilt).
    func readStored(_ header: CacheFileFormat.Header) -> Result<StoredEntries, CacheDamage> {
        var stored = StoredEntries()
        guard let opened = CacheFile.open(file) else { return .success(stored) }
        switch Self.decode(.stored(opened, offset: 0, count: opened.size), header) {
        case let .failure(damage): return .failure(damage)
        case .success(.stale): return .success(stored)
        case let .success(.entries(entries, writtenNs, _, checksum)):
            for entry in entries {
                stored.entries[entry.identity.name] = (entry, writtenNs - Self.racyWindowNs)
                stored.base[entry.identity.name] = entry
            }
            stored.baseChecksum = checksum
            stored.baseBytes = opened.size
        }
        guard let added = CacheFile.open(additionsFile) else { return .success(stored) }
        switch Self.decode(.stored(added, offset: 0, count: added.size), header) {
        case let .failure(damage): return .failure(damage)
        case let .success(.entries(entries, writtenNs, extends, _)) where extends == stored.baseChecksum:
            for entry in entries { stored.entries[entry.identity.name] = (entry, writtenNs - Self.racyWindowNs) }
        default:
            // Left by a report that rewrote `runs.bin` and could not remove it, or by another version.
            break
        }
        return .success(stored)
    }

    private static func decode(_ source: CachePayload, _ header: CacheFileFormat.Header) -> Result<CacheFileFormat.Decoded, CacheDamage> {
        do throws(CacheDamage) {
            return .success(try CacheFileFormat.decode(source, expecting: header))
        } catch {
            return .failure(error)
        }
    }

    /// Writes `entries` (what the history holds now). While `runs.bin` holds each of its entries
    /// as they are and the rest are small beside it, only the rest go into `runs.new.bin`, so a
    /// report after one new run writes one entry, not the tens of MB of `runs.bin` at a thousand
    /// runs. Otherwise (a file removed or changed, the additions past an eighth of `runs.bin`, no
    /// `runs.bin`) everything is written into `runs.bin`, and `runs.new.bin` removed.
    func write(_ entries: [CacheEntry], header: CacheFileFormat.Header, over stored: StoredEntries) throws {
        let now = Self.nowNs()
        var additions: [CacheEntry] = []
        var keptFromBase = 0
        for entry in entries {
            if let base = stored.base[entry.identity.name], base.identity == entry.identity, base.contentHash == entry.contentHash {
                keptFromBase += 1
            } else {
                additions.append(entry)
            }
        }
        let addedBytes = additions.reduce(0) { $0 + $1.payload.count }
        if let checksum = stored.baseChecksum, keptFromBase == stored.base.count, addedBytes <= stored.baseBytes / 8 {
            try Self.write(CacheFileFormat.encode(header, writtenNs: now, extends: checksum, entries: additions), to: additionsFile)
            return
        }
        try Self.write(CacheFileFormat.encode(header, writtenNs: now, entries: entries), to: file)
        // An additions file left behind names the old `runs.bin` and is ignored; removed all the same.
        try? FileManager.default.removeItem(at: additionsFile)
    }

    /// Written from the encoded bytes themselves: a copy would be tens of MB more.
    private static func write(_ bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none)
                .write(to: url, options: .atomic)
        }
    }
}

import BenchModel
import Foundation

/// A cache file's checksum: the `ContentHash` of each `part` of its bytes, then the hash of those
/// hashes in order. The parts are hashed on every core: the whole-file check of an 800 MB cache
/// on one core was a tenth of a warm report.
enum CacheChecksum {
    /// 8 MiB: a multiple of 8, so every part but the last is whole words.
    static let part = 8 << 20

    /// The checksum of bytes in memory.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let shared = SharedBytes(bytes: bytes)
        let hashes = parts(bytes.count) { offset, count in
            ContentHash.of(UnsafeRawBufferPointer(rebasing: shared.bytes[offset..<(offset + count)]))
        }
        return combine(hashes, count: bytes.count)
    }

    /// The checksum of `count` bytes whose parts `hash(offset, count)` gives (nil: unreadable).
    static func of(count: Int, _ hash: @Sendable (Int, Int) -> UInt64?) -> UInt64? {
        let hashes = parts(count, hash)
        guard !hashes.contains(nil) else { return nil }
        return combine(hashes.compactMap { $0 }, count: count)
    }

    /// Each part's `hash`, computed on every core, in order.
    private static func parts<T: Sendable>(_ count: Int, _ hash: @Sendable (Int, Int) -> T) -> [T] {
        let parts = max(1, (count + part - 1) / part)
        return ParallelMap.map(Array(0..<parts)) { index in hash(index * part, min(part, count - index * part)) }
    }

    private static func combine(_ hashes: [UInt64], count: Int) -> UInt64 {
        var state = ContentHash.State(count: count)
        let words = hashes.map(\.littleEndian)
        words.withUnsafeBytes { state.add(words: $0) }
        return state.finish(tail: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// Bytes only read while they are hashed.
    private struct SharedBytes: @unchecked Sendable { let bytes: UnsafeRawBufferPointer }
}

import BenchModel
import Foundation

/// A cached run's results, left undecoded in the cache's bytes until a report asks for them: a
/// report of a long history shows most runs only through their digests (`ResultDigest`), and
/// decoding every result of every run is most of what its memory and time would be.
///
/// The bytes are a part of the cache file as opened (read then), whose checksum was checked when it
/// was opened, so decoding them fails only if the file could not be read again;
/// `StoredRun.complete()` then says so, and the caller reads the history again without the cache.
/// A run loaded without its results: their digests, and where the results are.
struct DeferredRun: Sendable {
    var digests: [ResultDigest]
    var results: DeferredResults
}

public final class DeferredResults: Sendable {
    private let bytes: CachePayload

    init(_ bytes: CachePayload) {
        self.bytes = bytes
    }

    func decode() -> [BenchmarkResult]? {
        bytes.bytes()?.withUnsafeBytes { buffer in try? CacheRecordCoding.readResults(buffer) }
    }
}

import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The history: a folder of immutable run files, one per run. Files are only ever added
/// (`write`) or removed on explicit request (`prune`); nothing rewrites one in place.
public struct HistoryStore: Sendable {
    public let directory: URL
    /// A run file larger than this is skipped with a warning, unread (`[history] max_file_mb`).
    public let maxFileBytes: Int64

    public init(directory: URL, maxFileBytes: Int64 = HistoryLimits.defaultMaxFileBytes) {
        self.directory = directory.standardizedFileURL
        self.maxFileBytes = maxFileBytes
    }

    /// `<yyyyMMdd'T'HHmmss'Z' of startedAt in UTC>-<short id>.json`: sorts by time in a plain `ls`, and
    /// holds only characters that are safe in every file system and shell.
    public static func fileName(for run: RunRecord) -> String {
        "\(timestamp(run.startedAt))-\(shortID(run.id)).json"
    }

    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "00000000T000000Z" }
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Up to 12 of the id's characters that are letters, digits, `-` or `_`.
    static func shortID(_ id: String) -> String {
        let safe = id.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        let short = String(String.UnicodeScalarView(safe.prefix(12)))
        return short.isEmpty ? "run" : short
    }

    /// Writes `run` as a new file and returns where. The bytes go to a temporary file in the same
    /// folder, are flushed to disk, and are then hard-linked to the final name: `link` fails
    /// rather than replace an existing file, so a clash (two runs in the same second with the
    /// same id) picks the next name instead, and readers never see a half-written run.
    public func write(_ run: RunRecord) throws(HistoryError) -> URL {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(directory, reason: AtomicFile.reason(error))
        }
        var data: Data
        do {
            data = try RunRecordCoding.encoder().encode(run)
        } catch {
            throw .cannotEncode(reason: "\(error)")
        }
        data.append(UInt8(ascii: "\n"))
        let base = Self.fileName(for: run)
        let stem = String(base.dropLast(".json".count))
        let candidates = (1...1000).lazy.map { attempt in
            attempt == 1 ? base : "\(stem)-\(attempt).json"
        }
        return try AtomicFile.create(data, in: directory, candidates: candidates)
    }
}

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
    public let location: HistoryLocation
    public var directory: URL { location.directory }
    /// A run file larger than this is skipped with a warning, unread (`[history] max_file_mb`).
    public var maxFileBytes: Int64 { location.maxFileBytes }

    public init(_ location: HistoryLocation) {
        self.location = location
    }

    public init(directory: URL, maxFileBytes: Int64 = HistoryLimits.defaultMaxFileBytes) {
        self.init(HistoryLocation(directory: directory, maxFileBytes: maxFileBytes))
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

    /// Writes `run` only when this history would read it back: its dates and figures pass the
    /// reader's checks (`RunPlausibility`, with `now` as the clock) and its file is within
    /// `maxFileBytes`. `import` and `merge` write through here, so neither writes a file that
    /// every later read skips. A run whose samples alone are over the limit is refused before
    /// it is encoded, so a refusal costs no encoding.
    public func add(_ run: RunRecord, now: Date = Date()) throws(HistoryError) -> URL {
        try precheck(run, now: now)
        let data = try encode(run)
        if RunFileProblem.oversize(Int64(data.count), limit: maxFileBytes) != nil {
            throw .tooLargeToWrite(bytes: Int64(data.count), atLeast: false, limit: maxFileBytes)
        }
        return try write(data, for: run)
    }

    /// What `add` checks before it encodes: the reader's checks of dates and figures, and the
    /// size the samples alone take. A caller with costly work left before `add` (statistics of
    /// millions of samples) asks here first.
    public func precheck(_ run: RunRecord, now: Date = Date()) throws(HistoryError) {
        if let problem = RunPlausibility.problem(in: run, now: now) { throw .wouldBeSkipped(reason: problem.reason) }
        let floor = RunRecordCoding.minimumEncodedBytes(run)
        if floor > maxFileBytes { throw .tooLargeToWrite(bytes: floor, atLeast: true, limit: maxFileBytes) }
    }

    /// Writes `run` as a new file and returns where, whatever it holds: a measured run is kept
    /// even when a read would skip it.
    public func write(_ run: RunRecord) throws(HistoryError) -> URL {
        try write(try encode(run), for: run)
    }

    private func encode(_ run: RunRecord) throws(HistoryError) -> Data {
        do {
            var data = try RunRecordCoding.encoder().encode(run)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch {
            throw .cannotEncode(reason: "\(error)")
        }
    }

    /// The bytes go to a temporary file in the same folder, are flushed to disk, and are then
    /// hard-linked to the final name: `link` fails rather than replace an existing file, so a
    /// clash (two runs in the same second with the same id) picks the next name instead, and
    /// readers never see a half-written run.
    private func write(_ data: Data, for run: RunRecord) throws(HistoryError) -> URL {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(directory, reason: AtomicFile.reason(error))
        }
        let base = Self.fileName(for: run)
        let stem = String(base.dropLast(".json".count))
        let candidates = (1...1000).lazy.map { attempt in
            attempt == 1 ? base : "\(stem)-\(attempt).json"
        }
        return try AtomicFile.create(data, in: directory, candidates: candidates)
    }
}

import Foundation

/// One results file as read from disk, with the name it was given by on the command line.
public struct ImportFile: Sendable {
    public var path: String
    public var data: Data
    /// When the file was last written: the run's time when the file records none (hyperfine).
    public var modified: Date?

    public init(path: String, data: Data, modified: Date?) {
        self.path = path
        self.data = data
        self.modified = modified
    }

    /// How many bytes of input an import reads per byte a run file may have. The whole file and
    /// its tree are in memory while it is read, so the input is capped before a byte is read, in
    /// proportion to `[history] max_file_mb`. Four is room for the most verbose format per
    /// sample that is still realistic (pretty-printed hyperfine with exit codes and memory, about
    /// three bytes in per byte out); a file beyond it would make a run file the history skips, or
    /// is mostly not results.
    public static let inputBytesPerRunFileByte: Int64 = 4

    /// The most an import reads of one file, given the run file limit.
    public static func maxBytes(runFileLimit: Int64) -> Int64 {
        runFileLimit.multipliedReportingOverflow(by: inputBytesPerRunFileByte).overflow
            ? Int64.max : runFileLimit * inputBytesPerRunFileByte
    }

    /// Reads `path`, refusing a file larger than `maxBytes(runFileLimit:)` before reading it.
    public static func read(path: String, runFileLimit: Int64) throws(ImportFailure) -> ImportFile {
        let limit = maxBytes(runFileLimit: runFileLimit)
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw ImportFailure(path: path, problem: .unreadable((error as NSError).localizedDescription))
        }
        defer { try? handle.close() }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = (attributes?[.size] as? NSNumber)?.int64Value, size > limit {
            throw ImportFailure(path: path, problem: .tooLarge(bytes: size, limit: limit, runFileLimit: runFileLimit))
        }
        let data: Data
        do {
            // One byte more than the limit: a file that grew since it was measured is noticed.
            data = try handle.read(upToCount: Int(clamping: min(limit, Int64(Int.max - 1))) + 1) ?? Data()
        } catch {
            throw ImportFailure(path: path, problem: .unreadable((error as NSError).localizedDescription))
        }
        guard Int64(data.count) <= limit else {
            throw ImportFailure(path: path, problem: .tooLarge(bytes: Int64(data.count), limit: limit, runFileLimit: runFileLimit))
        }
        return ImportFile(path: path, data: data, modified: attributes?[.modificationDate] as? Date)
    }
}

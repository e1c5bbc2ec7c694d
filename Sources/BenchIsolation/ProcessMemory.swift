import Glibc

/// Peak-memory probes of the current process, for the Swift benchmark worker: reset the peak
/// before the measured iterations, read it after, report the growth.
public enum ProcessMemory {
    /// Writes "5" to /proc/self/clear_refs, which resets VmHWM to the current RSS.
    /// False where the kernel refuses (no /proc, older kernel, restricted container).
    public static func resetPeak() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let written = "5".utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, 1) }
        return written == 1
    }

    /// VmHWM from /proc/self/status: the peak resident set, in bytes.
    public static func peakBytes() -> UInt64? { statusFields(["VmHWM:"])?[0] }

    /// VmRSS from /proc/self/status: the current resident set, in bytes.
    public static func residentBytes() -> UInt64? { statusFields(["VmRSS:"])?[0] }

    /// The peak, current and file-backed resident set, from one read of /proc/self/status.
    public struct Snapshot: Sendable, Equatable {
        public var peakBytes: UInt64
        public var residentBytes: UInt64
        /// RssFile: pages of mapped files, program and library code included.
        public var fileBytes: UInt64
    }

    public static func snapshot() -> Snapshot? {
        guard let values = statusFields(["VmHWM:", "VmRSS:", "RssFile:"]) else { return nil }
        return Snapshot(peakBytes: values[0], residentBytes: values[1], fileBytes: values[2])
    }

    /// How much the peak grew since `start`, leaving out file pages mapped in since then: a child
    /// forked from the worker server faults in every code page it runs for the first time
    /// (about 1 MB for an empty benchmark), which is not memory the benchmark allocated.
    public static func growth(from start: Snapshot, to end: Snapshot, peak: UInt64) -> UInt64 {
        let files = end.fileBytes > start.fileBytes ? end.fileBytes - start.fileBytes : 0
        let grown = peak > start.residentBytes ? peak - start.residentBytes : 0
        return grown > files ? grown - files : 0
    }

    /// Reads "<name>\t   1234 kB" lines from /proc/self/status, in the order of `names`; nil
    /// unless every one is there.
    private static func statusFields(_ names: [String]) -> [UInt64]? {
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var values = [UInt64?](repeating: nil, count: names.count)
        for line in text.split(separator: "\n") {
            guard let index = names.firstIndex(where: { line.hasPrefix($0) }) else { continue }
            let fields = line.dropFirst(names[index].count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let value = fields.first.flatMap({ UInt64($0) }) else { return nil }
            let unit = fields.count > 1 ? fields[1] : "kB"
            values[index] = unit == "kB" ? value * 1024 : value
        }
        let found = values.compactMap { $0 }
        return found.count == names.count ? found : nil
    }
}

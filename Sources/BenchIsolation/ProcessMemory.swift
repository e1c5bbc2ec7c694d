#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        guard let bytes = ProcFile.read("/proc/self/status") else { return nil }
        // Scanned as bytes, not as String lines: in a freshly forked child every probe's cost is
        // isolation overhead.
        let wanted = names.map { Array($0.utf8) }
        var values = [UInt64?](repeating: nil, count: names.count)
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            guard let index = wanted.firstIndex(where: { line.starts(with: $0) }) else { continue }
            var value: UInt64 = 0
            var digits = 0
            for byte in line.dropFirst(wanted[index].count) {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    value = value &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                    digits += 1
                } else if digits > 0 {
                    break
                }
            }
            guard digits > 0 else { return nil }
            // Every size in /proc/self/status is in kB.
            values[index] = value * 1024
        }
        let found = values.compactMap { $0 }
        return found.count == names.count ? found : nil
    }
}

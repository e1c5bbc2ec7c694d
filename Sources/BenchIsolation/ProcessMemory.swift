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
    public static func peakBytes() -> UInt64? { statusField("VmHWM:") }

    /// VmRSS from /proc/self/status: the current resident set, in bytes.
    public static func residentBytes() -> UInt64? { statusField("VmRSS:") }

    /// Reads "<name>\t   1234 kB" from /proc/self/status.
    private static func statusField(_ name: String) -> UInt64? {
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
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let fields = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let value = fields.first.flatMap({ UInt64($0) }) else { return nil }
            let unit = fields.count > 1 ? fields[1] : "kB"
            return unit == "kB" ? value * 1024 : value
        }
        return nil
    }
}

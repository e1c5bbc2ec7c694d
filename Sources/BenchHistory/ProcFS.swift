import Foundation

#if canImport(Glibc)
import Glibc

/// read(2) by a name the type's own `read` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Glibc.read(fd, buffer, count)
}
#elseif canImport(Darwin)
import Darwin

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Darwin.read(fd, buffer, count)
}
#endif

/// What `ProcessIdentity` reads from Linux's `/proc`. Another platform answers nil here (and
/// then nothing is judged dead), so porting it is this one file.
enum ProcFS {
    struct ProcessStatus {
        /// Field 3 of `/proc/<pid>/stat`: R, S, D, T, Z, X, …
        var state: Character
        var startTicks: UInt64

        /// A zombie (Z) or a dead entry (X) has finished: its pid still answers `kill(pid, 0)`,
        /// but its process wrote its last byte.
        var isRunning: Bool { state != "Z" && state != "X" }
    }

    static func bootID() -> String? {
        guard let text = read("/proc/sys/kernel/random/boot_id") else { return nil }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    /// Fields 3 and 22 of `/proc/<pid>/stat`. The command name (field 2) sits in parentheses and
    /// may hold spaces and parentheses itself, so the fields are counted from its last `)`.
    static func status(of pid: Int32) -> ProcessStatus? {
        guard pid > 0, let text = read("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
        guard fields.count > 19, let state = fields[0].first, let ticks = UInt64(fields[19]) else { return nil }
        return ProcessStatus(state: state, startTicks: ticks)
    }

    /// A small file of /proc, read with plain syscalls (Foundation's readers stat the size first,
    /// and /proc files report 0).
    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while bytes.count < 65536 {
            let count = systemRead(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

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

/// Reads a pipe with a ceiling on what is kept, so an answer of any size costs bounded memory.
enum BoundedRead {
    /// What was read: everything up to the end of the pipe, or the first `limit` bytes and more.
    struct Result {
        var data: Data
        /// More than `limit` bytes came; `data` holds the first `limit` of them.
        var overLimit: Bool
    }

    /// Reads `descriptor` to its end, or until more than `limit` bytes came; the caller decides
    /// what to do about the rest (stop the writer, or `drain`).
    static func read(_ descriptor: Int32, limit: Int) -> Result {
        var data = Data()
        let chunk = 64 << 10
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, chunk) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return Result(data: data, overLimit: false) }
            let room = limit - data.count
            if count > room {
                data.append(contentsOf: buffer[0..<max(0, room)])
                return Result(data: data, overLimit: true)
            }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// Reads and drops the rest of `descriptor`, so the writer never blocks on a full pipe.
    static func drain(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
        }
    }
}

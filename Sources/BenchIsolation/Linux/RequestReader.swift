#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// Buffered reading of the request pipe without Foundation.
struct RequestReader {
    enum Command { case none, interrupt, endOfFile }

    private var buffer: [UInt8] = []

    /// The next line without its newline; nil at end of file.
    mutating func line(from fd: Int32) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            guard fill(from: fd) else { return nil }
        }
    }

    /// Exactly `count` bytes; nil at end of file.
    mutating func bytes(_ count: Int, from fd: Int32) -> [UInt8]? {
        while buffer.count < count {
            guard fill(from: fd) else { return nil }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads the payload that follows an "R" request's `header` line and decodes both; nil when
    /// malformed or at end of file. The payload size is the header's tenth field (the launcher's
    /// limits may follow it).
    mutating func job(header: String, from fd: Int32) -> ForkedJob? {
        let fields = header.split(separator: " ")
        let size = fields.count >= 10 ? Int(fields[9]) ?? -1 : -1
        guard size >= 0, size <= 64 << 20, let payload = bytes(size, from: fd) else { return nil }
        return ForkedJob(header: header, payload: payload)
    }

    /// Reads what is there while a child runs: only interrupts are sent then.
    mutating func commands(from fd: Int32) -> Command {
        guard fill(from: fd) else { return .endOfFile }
        return bufferedCommands()
    }

    /// The interrupts among the complete lines already read.
    mutating func bufferedCommands() -> Command {
        var command = Command.none
        while let line = lineIfComplete() {
            if line == "I" { command = .interrupt }
        }
        return command
    }

    /// The next complete line already read, without reading more.
    mutating func lineIfComplete() -> String? {
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeFirst(newline + 1)
        return line
    }

    /// Reads once more into the buffer; false at end of file or on an error.
    mutating func fill(from fd: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
    }
}
#endif

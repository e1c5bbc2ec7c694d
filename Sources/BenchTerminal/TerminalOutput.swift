import Foundation

#if canImport(Glibc)
import Glibc

/// write(2) by a name the type's own `write` does not hide.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.write(fd, buffer, count)
}
#elseif canImport(Darwin)
import Darwin

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Darwin.write(fd, buffer, count)
}
#endif

/// A line-oriented writer to one file descriptor (stdout or stderr).
public struct TerminalOutput: Sendable {
    public let descriptor: Int32

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public static let standardOutput = TerminalOutput(descriptor: STDOUT_FILENO)
    public static let standardError = TerminalOutput(descriptor: STDERR_FILENO)

    /// Writes every byte; false when the descriptor refused (a closed channel must not look like success).
    @discardableResult
    public func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    public func line(_ text: String) { write(text + "\n") }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where and how benchboard talks to a person: a live line on a TTY, plain lines otherwise,
/// colour only on a TTY and never with NO_COLOR. The colours themselves are the report
/// stage's `Painter`; this only decides whether there may be any.
public struct Terminal: Sendable {
    public var isInteractive: Bool
    public var useColor: Bool

    public init(isInteractive: Bool, useColor: Bool) {
        self.isInteractive = isInteractive
        self.useColor = useColor
    }

    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        let interactive = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        let colorAllowed = environment["NO_COLOR"].map(\.isEmpty) ?? true
        return Terminal(isInteractive: interactive, useColor: interactive && colorAllowed && isatty(STDOUT_FILENO) == 1)
    }
}

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
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
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

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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

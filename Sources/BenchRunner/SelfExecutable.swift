import Foundation

/// The path of the running executable. `/proc/self/exe` is resolved here because the launcher
/// that starts the worker would otherwise exec itself.
enum SelfExecutable {
    static func path() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath
    }
}

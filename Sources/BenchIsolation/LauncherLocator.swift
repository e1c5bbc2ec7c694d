import Foundation
import Glibc

/// Where `benchboard-launcher` is: set explicitly, next to the running binary, or on PATH.
enum LauncherLocator {
    static let executableName = "benchboard-launcher"

    static func locate(environment: [String: String]) throws(IsolationError) -> String {
        if let explicit = environment["BENCHBOARD_LAUNCHER"], !explicit.isEmpty {
            // An explicit choice that is wrong is an error, not a reason to pick another binary.
            guard isExecutableFile(explicit) else { throw .launcherNotFound(searched: [explicit]) }
            return explicit
        }
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(directory(of: exe) + "/" + executableName)
        }
        if let argv0 = CommandLine.arguments.first, argv0.contains("/") {
            let absolute = argv0.hasPrefix("/") ? argv0 : FileManager.default.currentDirectoryPath + "/" + argv0
            candidates.append(directory(of: absolute) + "/" + executableName)
        }
        for entry in (environment["PATH"] ?? "").split(separator: ":") where !entry.isEmpty {
            candidates.append(String(entry) + "/" + executableName)
        }
        var searched: [String] = []
        for candidate in candidates where !searched.contains(candidate) {
            if isExecutableFile(candidate) { return candidate }
            searched.append(candidate)
        }
        throw .launcherNotFound(searched: searched)
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a program that ships with benchboard (the launcher, the GitHub client): next to the
/// running binary first, so a build or a release tarball uses its own copy, then on PATH.
public enum CompanionExecutable {
    /// The first executable file named `name`, or nil; `searched` lists every place looked at.
    public static func locate(_ name: String, environment: [String: String]) -> (path: String?, searched: [String]) {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(directory(of: exe) + "/" + name)
        }
        if let argv0 = CommandLine.arguments.first, argv0.contains("/") {
            let absolute = argv0.hasPrefix("/") ? argv0 : FileManager.default.currentDirectoryPath + "/" + argv0
            candidates.append(directory(of: absolute) + "/" + name)
        }
        for entry in (environment["PATH"] ?? "").split(separator: ":") where !entry.isEmpty {
            candidates.append(String(entry) + "/" + name)
        }
        var searched: [String] = []
        for candidate in candidates where !searched.contains(candidate) {
            if isExecutableFile(candidate) { return (candidate, searched) }
            searched.append(candidate)
        }
        return (nil, searched)
    }

    public static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

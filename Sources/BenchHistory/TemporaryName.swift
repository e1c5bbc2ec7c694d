import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Names of the hidden files a write goes through before its final name exists:
/// `.<owner token>.<random>.tmp`, where the owner is the writing process (`ProcessIdentity`).
/// A process killed mid-write (SIGKILL, power loss) leaves one behind; the owner in the name is
/// what tells a stale one (its writer is dead, so it can go) from one being written right now.
/// Loaders skip every dot-file, so a temporary is never read as a run.
enum TemporaryName {
    static let suffix = ".tmp"

    static func make() -> String {
        let random = UUID().uuidString.lowercased().prefix(8)
        guard let owner = ProcessIdentity.current() else { return ".\(random)\(suffix)" }
        return ".\(owner.token).\(random)\(suffix)"
    }

    /// The writer of a temporary named by `make()`, or nil for any other name (including
    /// temporaries of older versions, which carry no owner and are left alone).
    static func owner(of name: String) -> ProcessIdentity? {
        guard name.hasPrefix("."), name.hasSuffix(suffix) else { return nil }
        let parts = name.dropFirst().dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        // <pid>.<ticks>.<boot>.<random>
        guard parts.count == 4 else { return nil }
        return ProcessIdentity(token: parts[0..<3].joined(separator: "."))
    }

    /// Removes the temporaries in `directory` whose writer is dead; returns them. A temporary of a
    /// live writer, or one without an owner in its name, is never touched.
    static func removeStale(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed: [URL] = []
        for name in names.sorted() {
            guard let owner = owner(of: name), !owner.isAlive else { continue }
            let url = directory.appendingPathComponent(name, isDirectory: false)
            if unlink(url.path) == 0 { removed.append(url) }
        }
        return removed
    }
}

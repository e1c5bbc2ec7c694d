import Foundation

/// Paths in messages: relative to the current directory when under it ("output/history/x.json"),
/// absolute otherwise, so a message is short yet can be pasted into a shell.
enum DisplayPath {
    static func of(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

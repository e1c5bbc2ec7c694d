import Foundation

/// Paths in config.toml are relative to the file, not to wherever benchboard was started, so a
/// suite behaves the same from any working directory.
public enum PathResolver {
    public static func resolve(_ path: String, against base: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") {
            path = NSString(string: path).expandingTildeInPath
        }
        let absolute = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base : base + "/") + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// The folder holding `file`, absolute, resolved against the current directory.
    public static func folder(of file: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = resolve(file, against: cwd)
        return URL(fileURLWithPath: absolute).deletingLastPathComponent().standardizedFileURL.path
    }
}

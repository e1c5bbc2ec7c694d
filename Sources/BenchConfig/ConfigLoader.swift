import Foundation
import TOMLKit

/// Reads config.toml into a validated `SuiteConfig`, or every problem with its line.
public enum ConfigLoader {
    /// Reads the file at `path` (relative to the current directory); its folder becomes the base
    /// for relative paths and the working directory of commands.
    /// - Parameters:
    ///   - registeredSwiftBenchmarks: names registered with the library; nil = do not check `swift = "…"` names.
    ///   - diagnosticSwiftBenchmarks: the registered names that exist to check a harness: valid in
    ///     `swift = "…"`, but never suggested for a name that is not registered.
    public static func load(
        path: String, registeredSwiftBenchmarks: Set<String>?, diagnosticSwiftBenchmarks: Set<String> = []
    ) throws(ConfigError) -> SuiteConfig {
        let text = try readText(path: path)
        return try parse(
            text: text, path: path, baseDirectory: PathResolver.folder(of: path),
            registeredSwiftBenchmarks: registeredSwiftBenchmarks, diagnosticSwiftBenchmarks: diagnosticSwiftBenchmarks)
    }

    /// Validates a config given as text; `path` is only used to name it in messages, and a relative
    /// `baseDirectory` is taken from the current directory.
    public static func parse(
        text: String, path: String, baseDirectory: String, registeredSwiftBenchmarks: Set<String>?,
        diagnosticSwiftBenchmarks: Set<String> = []
    ) throws(ConfigError) -> SuiteConfig {
        // Refused here because toml++ would abort on them rather than report an error.
        if let problem = TOMLLineLocator.unsafeSyntax(in: text) {
            throw ConfigError(Diagnostic(
                file: path, line: problem.line, message: "invalid TOML: \(problem.message) (column \(problem.column))"))
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(Diagnostic(file: path, line: error.source.begin.line, message: parseMessage(error)))
        } catch {
            throw ConfigError(Diagnostic(file: path, message: "is not valid TOML: \(error)"))
        }
        let locator = TOMLLineLocator(text: text)
        if let nul = locator.nulEscape {
            throw ConfigError(Diagnostic(file: path, line: nul.line, message: "\(nul.message) (column \(nul.column))"))
        }
        var reader = ConfigReader(file: path, locator: locator, unsuggested: diagnosticSwiftBenchmarks)
        let suite = reader.read(
            root: root, sourcePath: path,
            baseDirectory: PathResolver.resolve(baseDirectory, against: FileManager.default.currentDirectoryPath),
            registered: registeredSwiftBenchmarks)
        guard reader.diagnostics.isEmpty else {
            // toml++ hands keys back sorted by name; users read top to bottom. Stable, so problems
            // on one line keep the order they were found in; those without a line come last.
            let ordered = reader.diagnostics.enumerated().sorted {
                ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset)
            }
            throw ConfigError(diagnostics: ordered.map(\.element))
        }
        return suite
    }

    /// toml++'s own wording, with the column, which is the only position it adds over the line.
    private static func parseMessage(_ error: TOMLParseError) -> String {
        var message = error.description
        if let first = message.first { message.replaceSubrange(...message.startIndex, with: first.lowercased()) }
        return "invalid TOML: \(message) (column \(error.source.begin.column))"
    }

    private static func readText(path: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(Diagnostic(file: path, message: "no such file; create one or pass --config"))
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(
                Diagnostic(file: path, message: "is a folder; pass the file itself, e.g. --config \(path)/config.toml"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(Diagnostic(file: path, message: "cannot be read: \(error.localizedDescription)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(Diagnostic(file: path, message: "is not UTF-8 text; TOML files must be UTF-8"))
        }
        return text
    }
}

import ArgumentParser
import BenchConfig
import BenchModel
import Foundation

/// `--config FILE`, shared by every command that reads the suite.
struct ConfigOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("The suite to read.", valueName: "file"))
    var config: String = "config.toml"
}

extension CommandContext {
    /// Loads and validates the config; every problem becomes one `file:line: message` line.
    func loadConfig(_ path: String) throws(CLIError) -> SuiteConfig {
        do {
            return try ConfigLoader.load(
                path: path, registeredSwiftBenchmarks: Set(registeredNames), diagnosticSwiftBenchmarks: diagnosticNames)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The [report] settings of a command that does not run the suite: from `path` when given,
    /// else from ./config.toml when there is one, else the built-in defaults, so `report`,
    /// `compare`, `runs` and `prune` also work in a folder that holds only a history.
    func reportSettings(config path: String?) throws(CLIError) -> ReportSettings {
        if let path { return try loadConfig(path).report }
        if FileManager.default.fileExists(atPath: "config.toml") { return try loadConfig("config.toml").report }
        return ReportSettings.defaults(baseDirectory: currentDirectory)
    }

    /// A path as a person typed it: relative to the current folder when it lies below it.
    func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path + "/"
        // Shown on the terminal: a folder name may hold control characters.
        return SafeText.escaped(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)
    }
}

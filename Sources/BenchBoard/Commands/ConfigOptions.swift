import ArgumentParser
import BenchConfig
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
            return try ConfigLoader.load(path: path, registeredSwiftBenchmarks: Set(registeredNames))
        } catch {
            throw CLIError(error.description)
        }
    }

    /// A path as a person typed it: relative to the current folder when it lies below it.
    func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

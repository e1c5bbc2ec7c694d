import Foundation

/// Whether swift benchmarks run in worker processes, and who decided.
public enum IsolationSetting {
    public static let environmentVariable = "BENCHMARK_ISOLATION"

    /// Precedence: flag (`--isolation`/`--no-isolation`) > `BENCHMARK_ISOLATION` (true|false|1|0|yes|no,
    /// any case) > the file's `[features] isolated_benchmarks` > on.
    ///
    /// The variable is only read when no flag is given. An empty value counts as unset: CI templates often pass an empty input through.
    /// Any other value that is not a boolean is an error naming the variable, never silently ignored.
    /// - Returns: the decision and where it came from ("--no-isolation", "BENCHMARK_ISOLATION=false",
    ///   "config.toml [features]", "default").
    public static func resolve(
        flag: Bool?, environment: [String: String], file: Bool?, configName: String = "config.toml"
    ) throws(ConfigError) -> (enabled: Bool, source: String) {
        if let flag {
            return (flag, flag ? "--isolation" : "--no-isolation")
        }
        if let raw = environment[environmentVariable], let fromEnvironment = try parseBoolean(raw) {
            return (fromEnvironment, "\(environmentVariable)=\(raw.trimmingCharacters(in: .whitespaces))")
        }
        if let file {
            return (file, "\(configName) [features]")
        }
        return (true, "default")
    }

    /// nil for an empty value (unset); throws for anything that is not a boolean.
    static func parseBoolean(_ value: String) throws(ConfigError) -> Bool? {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return nil
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            throw ConfigError(
                Diagnostic(
                    file: environmentVariable,
                    message: "'\(value)' is not a boolean; set it to true or false (1/0 and yes/no work too), or unset it"
                ))
        }
    }
}

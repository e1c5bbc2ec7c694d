import BenchConfig
import XCTest

/// Parses `text` as config.toml in /suite, with two registered swift benchmarks by default.
func parse(_ text: String, registered: Set<String>? = ["profile-query-single", "json-encode"]) throws(ConfigError)
    -> SuiteConfig
{
    try ConfigLoader.parse(text: text, path: "config.toml", baseDirectory: "/suite", registeredSwiftBenchmarks: registered)
}

/// The diagnostics of a config that must fail, as `file:line: message` lines.
func problems(
    _ text: String, registered: Set<String>? = ["profile-query-single", "json-encode"],
    file: StaticString = #filePath, line: UInt = #line
) -> [String] {
    do {
        let suite = try parse(text, registered: registered)
        XCTFail("expected a ConfigError, got \(suite.benchmarks.count) benchmarks", file: file, line: line)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

func configError(_ text: String) -> ConfigError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

/// The keys each table accepts, for unknown-key checks and "did you mean" hints.
enum ConfigKeys {
    static let topLevel = ["features", "defaults", "report", "history", "benchmark"]
    static let features = ["isolated_benchmarks"]
    /// Everything `[defaults]` sets can be overridden per `[[benchmark]]`.
    static let defaults = [
        "timeout_ms", "grace_ms", "kill_signal", "warmup", "iterations", "rounds", "min_time_ms", "max_duration_ms", "env", "inherit_env",
        "target_ms", "regression_threshold", "metric",
        "max_memory_mb", "max_processes", "max_cpu_s", "max_open_files", "max_output_mb",
    ]
    /// `informational` belongs to one benchmark: a suite whose every verdict is informational gates nothing.
    static let benchmark = ["name", "group", "swift", "command", "informational"] + defaults
    static let report = [
        "title", "output", "history", "templates", "regression_threshold", "instructions_threshold", "memory_threshold",
        "cpu_threshold", "alpha", "slow_is_failure", "baseline", "repository_url", "site_url",
    ]

    static let history = ["max_file_mb"]

    /// Where a key that is unknown here does belong, for "'title' belongs in [report]".
    static func home(of key: String) -> String? {
        if features.contains(key) { return "[features]" }
        if defaults.contains(key) { return "[defaults] or a [[benchmark]]" }
        if benchmark.contains(key) { return "a [[benchmark]]" }
        if report.contains(key) { return "[report]" }
        if history.contains(key) { return "[history]" }
        return nil
    }
}

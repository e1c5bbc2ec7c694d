import BenchModel

/// Built-in values for everything config.toml may leave out.
public enum ConfigDefaults {
    public static let group = "default"
    public static let timeoutMs = 10_000
    public static let graceMs = 1_000
    public static let killSignal = "SIGTERM"
    public static let warmup = 3
    public static let iterations = 30
    public static let metric = Metric.time
    public static let env = ["NODE_ENV": "production"]
    public static let inheritEnv = ["PATH", "HOME", "LANG", "TMPDIR"]

    public static let title = "benchboard"
    public static let outputDirectory = "output"
    public static let historyDirectory = "output/history"
    public static let regressionThreshold = 0.05
    public static let memoryThreshold = 0.10
    public static let cpuThreshold = 0.10
    /// Instruction counts barely move between runs, so a smaller change is already news.
    public static let instructionsThreshold = 0.01
    public static let alpha = 0.01
    public static let baseline = "previous"
    public static let historyMaxFileBytes = HistoryLimits.defaultMaxFileBytes
}

import BenchModel

/// Built-in values for everything config.toml may leave out.
public enum ConfigDefaults {
    public static let group = "default"
    public static let timeoutMs = 10_000
    public static let graceMs = 1_000
    public static let killSignal = "SIGTERM"
    public static let warmup = 3
    public static let iterations = 30
    /// Rounds (worker processes of a Swift benchmark) each benchmark is measured in: one process
    /// lands in a mode of its own, so several are needed to see the spread between them, and five
    /// keep the suite within 1.5× its single-process wall time (docs/isolation.md, "Rounds").
    public static let rounds = 5
    public static let metric = Metric.time
    public static let env = ["NODE_ENV": "production"]
    public static let inheritEnv = ["PATH", "HOME", "LANG", "TMPDIR"]

    public static let title = "benchboard"
    public static let outputDirectory = "output"
    public static let historyDirectory = "output/history"
    // The comparison's defaults are BenchModel's, shared with the analysis stage.
    public static let regressionThreshold = ThresholdDefaults.time
    public static let memoryThreshold = ThresholdDefaults.memory
    public static let cpuThreshold = ThresholdDefaults.cpu
    public static let instructionsThreshold = ThresholdDefaults.instructions
    public static let alpha = ThresholdDefaults.alpha
    public static let baseline = "previous"
    public static let historyMaxFileBytes = HistoryLimits.defaultMaxFileBytes
}

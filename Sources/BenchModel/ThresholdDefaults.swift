/// The built-in thresholds of a comparison, as fractions (0.05 = 5 %), and its significance level.
///
/// They live in BenchModel because two stages that may not import each other need them:
/// BenchConfig fills config.toml's `[report]` defaults from them, and BenchAnalysis uses them when
/// a comparison is made with no config at all (the library API, `AnalysisOptions()`, tests).
public enum ThresholdDefaults {
    /// The change of a median time that counts as a regression or an improvement.
    public static let time = 0.05
    public static let memory = 0.10
    public static let cpu = 0.10
    /// Instruction counts barely move between runs, so a smaller change is already news.
    public static let instructions = 0.01
    /// Significance level of the two-sided Mann-Whitney U test.
    public static let alpha = 0.01
}

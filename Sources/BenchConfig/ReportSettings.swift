/// The `[report]` table, with folders already made absolute.
public struct ReportSettings: Sendable, Equatable {
    public var title: String
    /// Absolute: resolved against the config file's folder.
    public var outputDirectory: String
    /// Absolute: resolved against the config file's folder.
    public var historyDirectory: String
    /// Absolute when set; nil means the templates compiled into the binary.
    public var templatesDirectory: String?
    /// Fractions: 0.05 = 5 %.
    public var regressionThreshold: Double
    /// The threshold of benchmarks whose metric is instructions and that set none of their own.
    public var instructionsThreshold: Double
    public var memoryThreshold: Double
    public var cpuThreshold: Double
    /// Significance level of the comparison test.
    public var alpha: Double
    /// Whether ❌ Slow (over target) counts as a JUnit failure.
    public var slowIsFailure: Bool
    /// "previous", a run id, or "branch:NAME".
    public var baseline: String
    /// "https://github.com/OWNER/NAME" (no trailing slash): commits link to `<url>/commit/<sha>`.
    /// Nil keeps every page free of external URLs.
    public var repositoryURL: String?
    /// Where the dashboard is published ("https://…/", with a trailing slash): summary.md links
    /// benchmarks to their pages there.
    public var siteURL: String?
    /// `[history] max_file_mb` in bytes: a history file larger than this is skipped unread.
    public var historyMaxFileBytes: Int64

    public init(
        title: String = ConfigDefaults.title, outputDirectory: String, historyDirectory: String,
        templatesDirectory: String? = nil, regressionThreshold: Double = ConfigDefaults.regressionThreshold,
        instructionsThreshold: Double = ConfigDefaults.instructionsThreshold,
        memoryThreshold: Double = ConfigDefaults.memoryThreshold, cpuThreshold: Double = ConfigDefaults.cpuThreshold,
        alpha: Double = ConfigDefaults.alpha, slowIsFailure: Bool = false, baseline: String = ConfigDefaults.baseline,
        repositoryURL: String? = nil, siteURL: String? = nil, historyMaxFileBytes: Int64 = ConfigDefaults.historyMaxFileBytes
    ) {
        self.title = title
        self.outputDirectory = outputDirectory
        self.historyDirectory = historyDirectory
        self.templatesDirectory = templatesDirectory
        self.regressionThreshold = regressionThreshold
        self.instructionsThreshold = instructionsThreshold
        self.memoryThreshold = memoryThreshold
        self.cpuThreshold = cpuThreshold
        self.alpha = alpha
        self.slowIsFailure = slowIsFailure
        self.baseline = baseline
        self.repositoryURL = repositoryURL
        self.siteURL = siteURL
        self.historyMaxFileBytes = historyMaxFileBytes
    }

    /// Every default, with the default folders under `baseDirectory`.
    public static func defaults(baseDirectory: String) -> ReportSettings {
        ReportSettings(
            outputDirectory: PathResolver.resolve(ConfigDefaults.outputDirectory, against: baseDirectory),
            historyDirectory: PathResolver.resolve(ConfigDefaults.historyDirectory, against: baseDirectory)
        )
    }
}

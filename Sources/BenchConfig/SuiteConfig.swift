/// A validated config.toml: what to run and where to put the results.
public struct SuiteConfig: Sendable, Equatable {
    /// The file as the user gave it, for messages.
    public var sourcePath: String
    /// The file's folder, absolute: relative paths resolve here and commands run here.
    public var baseDirectory: String
    /// `[features] isolated_benchmarks`; nil when the file does not say (see `IsolationSetting`).
    public var isolatedBenchmarks: Bool?
    public var report: ReportSettings
    /// In file order.
    public var benchmarks: [BenchmarkSpec]

    public init(
        sourcePath: String, baseDirectory: String, isolatedBenchmarks: Bool? = nil, report: ReportSettings,
        benchmarks: [BenchmarkSpec]
    ) {
        self.sourcePath = sourcePath
        self.baseDirectory = baseDirectory
        self.isolatedBenchmarks = isolatedBenchmarks
        self.report = report
        self.benchmarks = benchmarks
    }
}

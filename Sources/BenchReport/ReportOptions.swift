import BenchAnalysis
import Foundation

/// How reports are rendered: titles, template overrides, thresholds and what counts as a failure.
public struct ReportOptions: Sendable {
    /// Shown in every page title and at the top of summary.md.
    public var title: String
    /// A folder whose `NAME.mustache` files replace the embedded templates of the same name.
    public var templatesDirectory: URL?
    /// Thresholds used when the renderer computes the comparison itself.
    public var analysis: AnalysisOptions
    /// Report a ❌ Slow benchmark (median over its target) as a JUnit failure.
    public var slowIsFailure: Bool
    /// Report a time regression against the baseline as a JUnit failure.
    public var regressionIsFailure: Bool
    /// How many recent runs each dashboard sparkline shows.
    public var sparklineRuns: Int
    /// Where the full dashboard is published, named in summary.md when rows had to be left out.
    public var fullReportURL: String?
    /// The zoom levels (last N runs) offered on each benchmark page, besides the whole history.
    public var zoomWindows: [Int]
    /// How many of the newest runs runs.html and each benchmark page list in their tables (the
    /// chart always covers the whole history); every run is in its quarter's archive (`RunArchive`).
    public var runTableLimit: Int
    /// The most points (runs or buckets of runs) a chart draws per series (`ChartDownsampling`).
    public var chartPointLimit: Int
    /// `[report] repository_url`: commits link to `<url>/commit/<sha>`. Nil: no external link anywhere.
    public var repositoryURL: String?
    /// `[report] site_url`, where the dashboard is published: summary.md links to benchmark pages there.
    public var siteURL: String?
    /// A dashboard row says so when its benchmark stepped within this many of its newest runs.
    public var recentStepRuns: Int
    /// How many of the newest steps the dashboard's "Recent changes" lists.
    public var recentChangesLimit: Int

    public init(
        title: String = "benchboard", templatesDirectory: URL? = nil, analysis: AnalysisOptions = .init(),
        slowIsFailure: Bool = false, regressionIsFailure: Bool = false, sparklineRuns: Int = 30,
        fullReportURL: String? = nil, zoomWindows: [Int] = [30, 100],
        runTableLimit: Int = 100, repositoryURL: String? = nil, siteURL: String? = nil, recentStepRuns: Int = 10,
        recentChangesLimit: Int = 30, chartPointLimit: Int = 1000
    ) {
        self.title = title
        self.templatesDirectory = templatesDirectory
        self.analysis = analysis
        self.slowIsFailure = slowIsFailure
        self.regressionIsFailure = regressionIsFailure
        self.sparklineRuns = sparklineRuns
        self.fullReportURL = fullReportURL
        self.zoomWindows = zoomWindows
        self.runTableLimit = runTableLimit
        self.chartPointLimit = chartPointLimit
        self.repositoryURL = repositoryURL
        self.siteURL = siteURL
        self.recentStepRuns = recentStepRuns
        self.recentChangesLimit = recentChangesLimit
    }
}

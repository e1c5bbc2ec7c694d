import BenchAnalysis
import BenchModel

/// One run of the history as the renderer sees it.
public struct ReportRun: Sendable {
    public var record: RunRecord
    /// The run's JSON file relative to the output folder (e.g. "history/2026-…json"), when the
    /// pages can link to it.
    public var jsonHref: String?

    public init(record: RunRecord, jsonHref: String? = nil) {
        self.record = record
        self.jsonHref = jsonHref
    }
}

/// Everything a report is rendered from.
public struct ReportInput: Sendable {
    /// Oldest first; the last one is the latest run.
    public var runs: [ReportRun]
    /// The latest run against its chosen baseline; nil compares it with the run before it.
    public var comparison: RunComparison?
    /// Problems met while loading history (skipped files, …), shown on the dashboard.
    public var warnings: [String]
    /// Trends (with change points) by benchmark name, when the caller already has them;
    /// missing ones are computed with `Analyzer.trend(of:in:)`.
    public var trends: [String: Trend]

    public init(runs: [ReportRun], comparison: RunComparison? = nil, warnings: [String] = [], trends: [String: Trend] = [:]) {
        self.runs = runs
        self.comparison = comparison
        self.warnings = warnings
        self.trends = trends
    }
}

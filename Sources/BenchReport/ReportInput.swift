import BenchAnalysis
import BenchModel

/// One run of the history as the renderer sees it.
public struct ReportRun: Sendable {
    public var record: RunRecord
    /// The run's JSON file relative to the output folder (e.g. "history/2026-…json"), when the
    /// pages can link to it.
    public var jsonHref: String?
    /// A hash of the bytes the run was read from (`StoredRun.fingerprint`), when known: equal
    /// fingerprints mean equal runs, so pages made only of runs whose fingerprints did not
    /// change need not be rendered again (`PageCache`). Nil: pages that show it are rendered.
    public var fingerprint: UInt64?

    public init(record: RunRecord, jsonHref: String? = nil, fingerprint: UInt64? = nil) {
        self.record = record
        self.jsonHref = jsonHref
        self.fingerprint = fingerprint
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

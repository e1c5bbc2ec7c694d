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
    /// For a run without its results (`init(header:digests:…)`), their digests.
    private var deferredDigests: [ResultDigest]?

    public init(record: RunRecord, jsonHref: String? = nil, fingerprint: UInt64? = nil) {
        self.record = record
        self.jsonHref = jsonHref
        self.fingerprint = fingerprint
    }

    /// A run without its results: `header`'s `benchmarks` are ignored, `digests` stand for them.
    public init(header: RunRecord, digests: [ResultDigest], jsonHref: String? = nil, fingerprint: UInt64? = nil) {
        var record = header
        record.benchmarks = []
        self.init(record: record, jsonHref: jsonHref, fingerprint: fingerprint)
        deferredDigests = digests
    }

    /// Whether `record` holds the results. A run without them is shown through its digests;
    /// `ReportInput.runsShownInFull` says which runs must have them.
    public var isComplete: Bool { deferredDigests == nil }

    /// The digests of the run's results, in their order (`ResultDigest`): all the pages need of a
    /// run they do not show in full. Made from `record` when it is complete.
    public var digests: [ResultDigest] {
        deferredDigests ?? record.benchmarks.map(ResultDigest.init)
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

    /// The runs (by index, of runs given oldest first by their digests) whose results the pages
    /// show and so must be complete: the latest, and for each benchmark the runs of the newest
    /// `options.runTableLimit` entries of its series (its run table, its facts, its threshold).
    /// Every other run is drawn from its digests alone. The comparison's runs are the caller's.
    public static func runsShownInFull(_ digests: [[ResultDigest]], options: ReportOptions) -> Set<Int> {
        var needed: Set<Int> = digests.isEmpty ? [] : [digests.count - 1]
        var numbering = NameNumbering()
        var remaining: [Int] = []
        let limit = max(1, options.runTableLimit)
        // Newest first: each benchmark's count runs down as its newest entries are met.
        for runIndex in digests.indices.reversed() {
            numbering.nextRun()
            for digest in digests[runIndex] {
                let number = numbering.number(of: digest.name)
                if number == remaining.count { remaining.append(limit) }
                guard remaining[number] > 0 else { continue }
                remaining[number] -= 1
                needed.insert(runIndex)
            }
        }
        return needed
    }

    public init(runs: [ReportRun], comparison: RunComparison? = nil, warnings: [String] = [], trends: [String: Trend] = [:]) {
        self.runs = runs
        self.comparison = comparison
        self.warnings = warnings
        self.trends = trends
    }
}

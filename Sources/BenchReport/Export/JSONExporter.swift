import BenchAnalysis
import BenchModel
import Foundation

/// `compare --format json`: a stable JSON document (keys sorted, explicit nulls). Shape,
/// schema "benchboard.compare/1":
///
/// ```
/// {
///   "schema": "benchboard.compare/1",
///   "current":  {"id", "startedAt" (ISO 8601), "commit", "branch", "buildConfiguration", "machine"},
///   "baseline": the same shape, or null,
///   "caveat": why the comparison is only a hint (other machine or build), or null,
///   "ab": {"label", "commit" (when known), "runID"} when the baseline is the base build measured
///   in the same job (`benchboard ab`), else null,
///   "hasRegressionOrFailure": bool,
///   "counts": {"<verdict>": n, …} for every verdict,
///   "benchmarks": [ worst first:
///     {"name", "group", "verdict", "informational" (shown, never gating),
///      "time":   {"baseline", "current", "changePercent", "verdict", "pValue", "reference", "note",
///                 "detectablePercent", "processSpreadPercent"},
///      "memory": the same (bytes), "cpu": the same (microseconds),
///      "instructions": the same (median instructions per iteration), or null unless either
///      side counted instructions (`metric = "instructions"`; its verdict is then the headline)}
///   ]
/// }
/// ```
/// Times are median nanoseconds; `changePercent` is (current − baseline) / baseline × 100;
/// `reference` is the history median the metric was judged against; `pValue` is the
/// process-level test's; `detectablePercent` the smallest change the benchmark detects at 80 %
/// power, `processSpreadPercent` how far this run's processes spread (± % of their median);
/// verdicts are regression, improvement, unchanged, new, removed, noisy, failed, unconfirmed.
/// Numbers are null when unknown.
struct JSONExporter: Exporter {
    func export(_ context: ExportContext) -> String {
        guard let comparison = context.index.comparison else { return #"{"error": "there is no run to compare"}"# + "\n" }
        return Self.json(comparison)
    }

    static func json(_ c: RunComparison) -> String {
        let document = ComparisonDocument(c)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Every value is finite by construction; a failure here would be a bug, reported in-band.
        guard let data = try? encoder.encode(document), let text = String(data: data, encoding: .utf8) else {
            return #"{"error": "the comparison could not be encoded"}"#
        }
        return SafeText.jsonEscaped(text) + "\n"
    }
}

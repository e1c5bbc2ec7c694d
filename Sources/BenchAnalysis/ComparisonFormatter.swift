import BenchModel
import Foundation

/// The text and JSON outputs of `benchboard compare` (Markdown is the report module's).
public enum ComparisonFormatter {
    /// An aligned table, worst news first, then a one-line tally and the notes that explain
    /// noisy verdicts. ANSI colours (red regression/failed, green improvement, yellow noisy)
    /// only when `color` is true, so piped output stays plain. Columns:
    /// VERDICT, BENCHMARK, BASELINE, CURRENT (median times), CHANGE, P, MEMORY, CPU (changes).
    public static func text(_ c: RunComparison, color: Bool) -> String {
        var lines: [String] = []
        lines.append("Current:  \(describe(c.current))")
        lines.append("Baseline: \(c.baseline.map(describe) ?? "none (every benchmark is new)")")
        if let caveat = c.caveat { lines.append(paint("Note: \(SafeText.escaped(caveat))", .yellow, color)) }
        lines.append("")
        let header = ["VERDICT", "BENCHMARK", "BASELINE", "CURRENT", "CHANGE", "P", "MEMORY", "CPU"]
        let rows = c.benchmarksWorstFirst
        let cells: [[String]] = rows.map { row in
            [
                row.verdict.rawValue, SafeText.escaped(row.name),
                row.time.baseline.map { UnitFormat.duration(ns: $0) } ?? "-",
                row.time.current.map { UnitFormat.duration(ns: $0) } ?? "-",
                row.time.changePercent.map(UnitFormat.percent) ?? "-",
                row.time.pValue.map(Format.pValue) ?? "-",
                metricCell(row.memory), metricCell(row.cpu),
            ]
        }
        let widths = header.indices.map { column in
            ([header] + cells).reduce(0) { Swift.max($0, $1[column].count) }
        }
        // Numbers are right-aligned so their decimals line up; names and verdicts left-aligned.
        let rightAligned: Set<Int> = [2, 3, 4, 5, 6, 7]
        func layout(_ row: [String], verdict: Verdict?) -> String {
            row.indices.map { column -> String in
                let text = row[column]
                let padding = String(repeating: " ", count: widths[column] - text.count)
                let padded = rightAligned.contains(column) ? padding + text : text + padding
                if let verdict, column == 0 || column == 4 { return paint(padded, tint(verdict), color) }
                return padded
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        lines.append(layout(header, verdict: nil))
        for (row, cell) in zip(rows, cells) { lines.append(layout(cell, verdict: row.verdict)) }
        lines.append("")
        let counts = c.verdictCounts
        let tally = Verdict.allCases.sorted { $0.severity < $1.severity }.compactMap { verdict -> String? in
            guard let count = counts[verdict], count > 0 else { return nil }
            return "\(count) \(verdict.rawValue)"
        }
        lines.append(tally.isEmpty ? "No benchmarks." : tally.joined(separator: ", "))
        for row in rows {
            for (label, metric) in [("time", row.time), ("memory", row.memory), ("cpu", row.cpu)] {
                if let note = metric.note, metric.verdict == .noisy || metric.verdict == row.verdict {
                    lines.append("  \(SafeText.escaped(row.name)) (\(label), \(metric.verdict.rawValue)): \(note)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A stable JSON document (keys sorted, explicit nulls). Shape, schema "benchboard.compare/1":
    ///
    /// ```
    /// {
    ///   "schema": "benchboard.compare/1",
    ///   "current":  {"id", "startedAt" (ISO 8601), "commit", "branch", "buildConfiguration", "machine"},
    ///   "baseline": the same shape, or null,
    ///   "caveat": why the comparison is only a hint (other machine or build), or null,
    ///   "hasRegressionOrFailure": bool,
    ///   "counts": {"<verdict>": n, …} for every verdict,
    ///   "benchmarks": [ worst first:
    ///     {"name", "group", "verdict",
    ///      "time":   {"baseline", "current", "changePercent", "verdict", "pValue", "reference", "note"},
    ///      "memory": the same (bytes), "cpu": the same (microseconds)}
    ///   ]
    /// }
    /// ```
    /// Times are median nanoseconds; `changePercent` is (current − baseline) / baseline × 100;
    /// `reference` is the history median memory and CPU were judged against; verdicts are
    /// regression, improvement, unchanged, new, removed, noisy, failed. Numbers are null when unknown.
    public static func json(_ c: RunComparison) -> String {
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

    static func describe(_ run: RunRecord) -> String {
        var text = run.id
        var where_: [String] = []
        if let branch = run.git?.branch { where_.append(branch) }
        if let commit = run.git?.shortCommit { where_.append(commit + ((run.git?.dirty ?? false) ? "+dirty" : "")) }
        if !where_.isEmpty { text += " (\(where_.joined(separator: " @ ")))" }
        return SafeText.escaped(text + ", \(run.buildConfiguration)")
    }

    static func metricCell(_ metric: MetricComparison) -> String {
        guard let change = metric.changePercent else { return "-" }
        let marker: String
        switch metric.verdict {
        case .regression: marker = " ▲"
        case .improvement: marker = " ▼"
        case .noisy: marker = " ?"
        default: marker = ""
        }
        return UnitFormat.percent(change) + marker
    }

    enum Tint: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case plain = ""
    }

    static func tint(_ verdict: Verdict) -> Tint {
        switch verdict {
        case .regression, .failed: .red
        case .improvement: .green
        case .noisy: .yellow
        default: .plain
        }
    }

    static func paint(_ text: String, _ tint: Tint, _ enabled: Bool) -> String {
        guard enabled, tint != .plain else { return text }
        return "\u{1B}[\(tint.rawValue)m\(text)\u{1B}[0m"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

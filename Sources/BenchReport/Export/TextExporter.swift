import BenchAnalysis
import BenchModel
import Foundation

/// `benchboard compare`'s text: an aligned table, worst news first, then a one-line tally and
/// the notes that explain noisy verdicts. ANSI colours (red regression/failed, green
/// improvement, yellow noisy) only through an enabled painter, so piped output stays plain.
/// Columns: VERDICT, BENCHMARK, BASELINE, CURRENT (median times, or median instruction counts for a
/// benchmark that counts them), CHANGE, P, MEMORY, CPU (changes).
struct TextExporter: Exporter {
    var painter: Painter

    func export(_ context: ExportContext) -> String {
        guard let comparison = context.index.comparison else { return "No runs.\n" }
        return text(comparison)
    }

    func text(_ c: RunComparison) -> String {
        var lines: [String] = []
        lines.append("Current:  \(Self.describe(c.current))")
        lines.append("Baseline: \(c.baseline.map(Self.describe) ?? "none (every benchmark is new)")")
        if let ab = c.judgedAB { lines.append("A/B:      \(SafeText.escaped(ab.judgedSentence)): the two builds ran alternately on this machine") }
        if let caveat = c.caveat { lines.append(painter.paint("Note: \(SafeText.escaped(caveat))", .yellow)) }
        lines.append("")
        let header = ["VERDICT", "BENCHMARK", "BASELINE", "CURRENT", "CHANGE", "P", "MEMORY", "CPU"]
        let rows = c.benchmarksWorstFirst
        let cells: [[String]] = rows.map { row in
            [
                row.verdict.rawValue, SafeText.escaped(row.name),
                row.headline.baseline.map(row.formatHeadline) ?? "-",
                row.headline.current.map(row.formatHeadline) ?? "-",
                row.headline.changePercent.map(UnitFormat.percent) ?? "-",
                row.headline.pValue.map(Format.pValue) ?? "-",
                Self.metricCell(row.memory), Self.metricCell(row.cpu),
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
                if let verdict, column == 0 || column == 4 { return painter.paint(padded, Self.tint(verdict)) }
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
            let metrics = [("time", row.time), ("memory", row.memory), ("cpu", row.cpu)]
                + (row.instructions.map { [("instructions", $0)] } ?? [])
            for (label, metric) in metrics {
                if let note = metric.note, metric.verdict == .noisy || metric.verdict == row.verdict {
                    lines.append("  \(SafeText.escaped(row.name)) (\(label), \(metric.verdict.rawValue)): \(note)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
        case .unconfirmed: marker = " ~"
        default: marker = ""
        }
        return UnitFormat.percent(change) + marker
    }

    static func tint(_ verdict: Verdict) -> Painter.Color? {
        switch verdict {
        case .regression, .failed: .red
        case .improvement: .green
        case .noisy: .yellow
        default: nil
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

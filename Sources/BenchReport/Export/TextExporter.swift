import BenchAnalysis
import BenchModel
import Foundation

/// `benchboard compare`'s text: an aligned table, worst news first, then a one-line tally and
/// the notes that explain noisy verdicts. ANSI colours (red regression/failed, green
/// improvement, yellow noisy) only through an enabled painter, so piped output stays plain.
/// Columns: VERDICT, BENCHMARK, BASELINE, CURRENT (median times, or median instruction counts for a
/// benchmark that counts them), CHANGE, P, MEMORY, CPU (changes), and DETECTS (the smallest change
/// the benchmark can detect) when any benchmark has that figure. `unconfirmed` and informational
/// rows say in the tally and the notes that they never fail `--fail-on-regression`.
struct TextExporter: Exporter {
    var painter: Painter

    func export(_ context: ExportContext) -> String {
        guard let comparison = context.index.comparison else { return "No runs.\n" }
        return text(comparison)
    }

    func text(_ c: RunComparison) -> String {
        var lines: [String] = []
        lines.append("Current:  \(Self.describe(c.current))")
        if let ab = c.judgedAB {
            let run = c.baseline.map { " (\(Self.describe($0)))" } ?? ""
            lines.append("Baseline: \(SafeText.escaped(ABLine.sentence(ab)))\(run): the two builds ran alternately on this machine")
        } else {
            lines.append("Baseline: \(c.baseline.map(Self.describe) ?? "none (every benchmark is new)")")
        }
        if let caveat = c.caveat { lines.append(painter.paint("Note: \(SafeText.escaped(caveat))", .yellow)) }
        lines.append("")
        let rows = c.benchmarksWorstFirst
        let showDetects = rows.contains { $0.headline.detectablePercent != nil }
        let header = ["VERDICT", "BENCHMARK", "BASELINE", "CURRENT", "CHANGE", "P", "MEMORY", "CPU"]
            + (showDetects ? ["DETECTS"] : [])
        let cells: [[String]] = rows.map { row in
            [
                row.verdict.rawValue, SafeText.escaped(row.name) + (row.informational ? " (informational)" : ""),
                row.headline.baseline.map(row.formatHeadline) ?? "-",
                row.headline.current.map(row.formatHeadline) ?? "-",
                row.headline.changePercent.map(UnitFormat.percent) ?? "-",
                row.headline.pValue.map(Format.pValue) ?? "-",
                Self.metricCell(row.memory), Self.metricCell(row.cpu),
            ] + (showDetects ? [row.headline.detectablePercent.map { "≥" + Detectability.percent($0) } ?? "-"] : [])
        }
        let widths = header.indices.map { column in
            ([header] + cells).reduce(0) { Swift.max($0, $1[column].count) }
        }
        // Numbers are right-aligned so their decimals line up; names and verdicts left-aligned.
        let rightAligned: Set<Int> = [2, 3, 4, 5, 6, 7, 8]
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
            return "\(count) \(verdict.rawValue)" + (verdict == .unconfirmed ? " (never gating)" : "")
        }
        lines.append(tally.isEmpty ? "No benchmarks." : tally.joined(separator: ", "))
        let informational = rows.filter(\.informational).map { SafeText.escaped($0.name) }
        if !informational.isEmpty {
            lines.append("Informational, never gating: " + informational.joined(separator: ", "))
        }
        for row in rows {
            let metrics = [("time", row.time), ("memory", row.memory), ("cpu", row.cpu)]
                + (row.instructions.map { [("instructions", $0)] } ?? [])
            for (label, metric) in metrics {
                let unsure = metric.verdict == .noisy || metric.verdict == .unconfirmed
                if let note = metric.note, unsure || metric.verdict == row.verdict {
                    lines.append("  \(SafeText.escaped(row.name)) (\(label), \(metric.verdict.rawValue)): \(SafeText.escaped(note))")
                }
            }
        }
        if rows.contains(where: { $0.headline.detectablePercent != nil }) {
            lines.append("DETECTS: the smallest change each benchmark can detect (80 % power); below its threshold it cannot gate.")
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

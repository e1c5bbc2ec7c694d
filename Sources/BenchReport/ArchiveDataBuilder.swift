import BenchModel
import Foundation

/// Builds a quarter's CSV of medians (`runs/<YYYY>-Q<n>.csv`, see `RunArchive`): one row per run
/// of the quarter, oldest first, one column per benchmark. Each run is named once, so a cell costs
/// only its figure; that is what keeps a long history's archives small.
///
/// Columns: `benchboard run` (the run id), `started (UTC)` (ISO 8601), `commit`, `branch`, then
/// one per benchmark and metric in the order the quarter's runs first met them, headed
/// `<name> (ns)` or `<name> (instructions)`. A cell holds the result's median in that unit (the
/// figure the pages show, unrounded), its outcome (`failed`, `timeout`, `crashed`, …) when it did
/// not succeed, or nothing when the benchmark was not in the run. RFC 4180 quoting; text that a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@`) starts with `'`.
struct ArchiveDataBuilder {
    let index: HistoryIndex

    /// What the file starts with: how `ReportFileOwnership` knows a stale CSV as benchboard's.
    static let firstColumn = "benchboard run"

    func build(period: String) -> String {
        let members = index.runs.indices.filter { index.runs[$0].period == period }
        // Columns in the order the quarter's own runs met the benchmarks: the file depends on
        // nothing but its runs, so it stays as it is once the quarter is over.
        var columns: [(name: String, metric: Metric)] = []
        var column: [String: [Metric: Int]] = [:]
        for offset in members {
            for result in index.runs[offset].digests where column[result.name]?[result.metric] == nil {
                column[result.name, default: [:]][result.metric] = columns.count
                columns.append((result.name, result.metric))
            }
        }
        var text = ([Self.firstColumn, "started (UTC)", "commit", "branch"]
            + columns.map { Self.field($0.name + ($0.metric == .instructions ? " (instructions)" : " (ns)")) })
            .joined(separator: ",") + "\n"
        var cells = [String](repeating: "", count: columns.count)
        var filled = [Bool](repeating: false, count: columns.count)
        for offset in members {
            let record = index.runs[offset].record
            let results = index.runs[offset].digests
            for place in cells.indices {
                cells[place] = ""
                filled[place] = false
            }
            for result in results {
                // The first result of a name in a run, as the pages take it.
                guard let place = column[result.name]?[result.metric], !filled[place] else { continue }
                cells[place] = Self.cell(result)
                filled[place] = true
            }
            text += [
                Self.field(record.id), Self.iso(record.startedAt), Self.field(record.git?.commit ?? ""),
                Self.field(record.git?.branch ?? ""),
            ].joined(separator: ",")
            for cell in cells {
                text += ","
                text += cell
            }
            text += "\n"
        }
        return text
    }

    /// The median in the result's own metric, or its outcome.
    private static func cell(_ result: ResultDigest) -> String {
        guard result.outcome.isSuccess else { return result.outcome.rawValue }
        return result.median.map(number) ?? ""
    }

    /// Whole numbers without a fraction ("1234567"), others as Swift writes them shortest ("1234.5").
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// One CSV field of user text: on one line, quoted when it holds a comma or a quote, and
    /// never read as a formula.
    static func field(_ text: String) -> String {
        var safe = TextSafety.line(text)
        if let first = safe.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { safe = "'" + safe }
        guard safe.contains(where: { $0 == "," || $0 == "\"" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// "2026-11-25T10:49:02Z"
    private static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

import BenchModel
import BenchReport
import BenchRunner
import BenchTerminal

// The command is where the runner meets the report stage's formats: the runner cannot import
// BenchReport (a later stage), so its lines are formatted by what is handed in here.

extension Terminal {
    /// The report stage's painter, enabled exactly when this terminal may show colour.
    var painter: Painter { Painter(enabled: useColor) }

    func paint(_ text: String, _ color: Painter.Color) -> String {
        painter.paint(text, color)
    }
}

extension ProgressStyle {
    /// The seed's result line per finished benchmark; a dim counter and a yellow "warning:".
    static func report(_ painter: Painter) -> ProgressStyle {
        ProgressStyle(
            resultLine: { withProcesses(ResultLine.format($0), of: $0) },
            paint: { text, tone in
                switch tone {
                case .counter: painter.paint(text, .dim)
                case .warning: painter.paint(text, .yellow)
                }
            })
    }
}

extension ProgressStyle {
    /// "✅ Sort 🔒 Isolated × 5 processes — …": how many processes measured an isolated Swift
    /// benchmark, after its name and mode, when there were several. The line keeps its shape.
    static func withProcesses(_ line: String, of result: BenchmarkResult) -> String {
        let count = result.processes?.count ?? 1
        guard count > 1, result.kind == .swift, result.mode == .isolated else { return line }
        let head = "\(ResultLine.statusIcon(result)) \(SafeText.escaped(result.name)) 🔒 Isolated"
        guard line.hasPrefix(head) else { return line }
        return head + " × \(count) processes" + line.dropFirst(head.count)
    }
}

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
            resultLine: { ResultLine.format($0) },
            paint: { text, tone in
                switch tone {
                case .counter: painter.paint(text, .dim)
                case .warning: painter.paint(text, .yellow)
                }
            })
    }
}

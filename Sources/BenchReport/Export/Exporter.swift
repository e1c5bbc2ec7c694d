import BenchAnalysis

/// What every exporter is handed: the history analysed once (comparison, trends, steps, the
/// suite's status), the options and the compiled templates.
struct ExportContext: Sendable {
    let index: HistoryIndex
    let status: SuiteStatus
    let options: ReportOptions
    let templates: TemplateSet

    init(_ input: ReportInput, options: ReportOptions, templates: TemplateSet) {
        index = HistoryIndex(input, options: options)
        status = SuiteStatus(index, recentStepRuns: options.recentStepRuns)
        self.options = options
        self.templates = templates
    }
}

/// One output format, as hyperfine's `Exporter` trait: the analysed history in, one document
/// out. Each format lives in its own file in this folder; the per-benchmark line (`ResultLine`)
/// and the run's closing lines (`TerminalSummary`) are here too, and `Painter` is the only
/// thing that writes ANSI colours.
protocol Exporter: Sendable {
    func export(_ context: ExportContext) -> String
}

/// The formats `ReportRenderer.export` offers.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// `compare`'s aligned table, worst first.
    case text
    /// `compare --format json` (schema "benchboard.compare/1").
    case json
    /// summary.md, the pull-request comment.
    case markdown
    /// junit.xml.
    case junit
    /// index.html (the other pages are written by `ReportRenderer.write`).
    case html

    func exporter(painter: Painter) -> any Exporter {
        switch self {
        case .text: TextExporter(painter: painter)
        case .json: JSONExporter()
        case .markdown: MarkdownExporter()
        case .junit: JUnitExporter()
        case .html: HTMLExporter()
        }
    }
}

import BenchConfig
import BenchModel

/// Tells a person what the run is doing while it runs. On a TTY one live line is rewritten in
/// place; otherwise each step is a plain line on stderr, so CI logs stay readable.
final class ProgressReporter: @unchecked Sendable {
    private let terminal: Terminal
    private let style: ProgressStyle
    private let output: TerminalOutput
    private let results: TerminalOutput
    private let quiet: Bool
    private var position = 0
    private var total = 0
    private var liveLineShown = false
    private var warnedOnce: Set<String> = []

    /// Progress goes to `output` (stderr); each finished benchmark's line goes to `results` (stdout).
    init(
        terminal: Terminal, style: ProgressStyle, output: TerminalOutput = .standardError,
        results: TerminalOutput = .standardOutput, quiet: Bool = false
    ) {
        self.terminal = terminal
        self.style = style
        self.output = output
        self.results = results
        self.quiet = quiet
    }

    func start(total: Int) {
        self.total = total
    }

    func begin(_ spec: BenchmarkSpec, position: Int) {
        self.position = position
        if !terminal.isInteractive && !quiet {
            output.line("[\(position)/\(total)] \(SafeText.escaped(spec.name))")
        }
    }

    func phase(_ spec: BenchmarkSpec, _ text: String) {
        guard terminal.isInteractive, !quiet else { return }
        // Erase and redraw the live line: "\r" back to column 0, "ESC[2K" clears it.
        output.write("\r\u{1B}[2K" + style.paint("[\(position)/\(total)]", .counter) + " \(SafeText.escaped(spec.name)): \(SafeText.escaped(text))")
        liveLineShown = true
    }

    func finished(_ result: BenchmarkResult) {
        clearLiveLine()
        guard !quiet else { return }
        results.line(style.resultLine(result))
    }

    func warning(_ text: String) {
        clearLiveLine()
        // Warnings quote names, paths and child output.
        output.line(style.paint("warning:", .warning) + " " + SafeText.escaped(text, keepingNewlines: true))
    }

    /// Says `text` the first time `key` comes up, and `repeat` after that: a run-wide problem
    /// (no launcher) is explained once, not once per benchmark.
    func warning(once key: String, _ text: String, repeat short: String) {
        if warnedOnce.insert(key).inserted {
            warning(text)
        } else {
            warning(short)
        }
    }

    func clearLiveLine() {
        if liveLineShown {
            output.write("\r\u{1B}[2K")
            liveLineShown = false
        }
    }
}

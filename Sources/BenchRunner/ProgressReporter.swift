import BenchConfig
import BenchModel
import BenchTerminal
import Synchronization

/// Tells a person what the run is doing while it runs. On a TTY one live line is rewritten in
/// place; otherwise each step is a plain line on stderr, so CI logs stay readable.
/// The runner's thread drives it; its few counters sit behind a lock all the same, so it can be
/// shared without `@unchecked`.
final class ProgressReporter: Sendable {
    private struct State {
        var position = 0
        var total = 0
        /// " · round 2/5" while a benchmark of several rounds runs, else empty.
        var round = ""
        var liveLineShown = false
        var warnedOnce: Set<String> = []
    }

    private let terminal: Terminal
    private let style: ProgressStyle
    private let output: TerminalOutput
    private let results: TerminalOutput
    private let quiet: Bool
    private let state = Mutex(State())

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
        state.withLock { $0.total = total }
    }

    func begin(_ spec: BenchmarkSpec, position: Int, round: Int = 1, of rounds: Int = 1) {
        let roundText = rounds > 1 ? " · round \(round)/\(rounds)" : ""
        let total = state.withLock { state in
            state.position = position
            state.round = roundText
            return state.total
        }
        if !terminal.isInteractive && !quiet {
            output.line("[\(position)/\(total)] \(SafeText.escaped(spec.name))\(roundText)")
        }
    }

    func phase(_ spec: BenchmarkSpec, _ text: String) {
        guard terminal.isInteractive, !quiet else { return }
        let (position, total, round) = state.withLock { state in
            state.liveLineShown = true
            return (state.position, state.total, state.round)
        }
        // Erase and redraw the live line: "\r" back to column 0, "ESC[2K" clears it.
        output.write(
            "\r\u{1B}[2K" + style.paint("[\(position)/\(total)]", .counter)
                + " \(SafeText.escaped(spec.name))\(round): \(SafeText.escaped(text))")
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

    /// Says `text` the first time `key` comes up, and `repeat` (if any) after that: a run-wide
    /// problem (no launcher) is explained once, not once per benchmark.
    func warning(once key: String, _ text: String, repeat short: String? = nil) {
        if state.withLock({ $0.warnedOnce.insert(key).inserted }) {
            warning(text)
        } else if let short {
            warning(short)
        }
    }

    /// Says `text` the first time `key` comes up and nothing after: a benchmark's problem that
    /// each of its rounds would repeat.
    func warning(onceFor key: String, _ text: String) {
        if state.withLock({ $0.warnedOnce.insert(key).inserted }) { warning(text) }
    }

    func clearLiveLine() {
        let shown = state.withLock { state in
            defer { state.liveLineShown = false }
            return state.liveLineShown
        }
        if shown { output.write("\r\u{1B}[2K") }
    }
}

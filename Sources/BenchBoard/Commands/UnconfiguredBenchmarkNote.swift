import BenchConfig
import BenchRunner
import BenchTerminal

extension CommandContext {
    /// `run` and `list` only ever run what the config names: a registered Swift benchmark it does
    /// not name is pointed out in one line on stderr, so it is never skipped without a word.
    func noteUnconfiguredBenchmarks(in config: SuiteConfig) {
        let unconfigured = UnconfiguredBenchmarks(registered: registeredNames, diagnostic: diagnosticNames, config: config)
        guard let notice = unconfigured.notice else { return }
        TerminalOutput.standardError.line(terminal.paint("note:", .yellow) + " " + notice)
    }
}

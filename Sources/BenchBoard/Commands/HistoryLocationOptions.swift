import BenchConfig
import BenchHistory
import Foundation

extension ReportSettings {
    /// The history these settings name, with `folder` (`--history DIR`) in place of
    /// `[report] history` when given; the `[history]` limits apply either way.
    func historyLocation(folder: String? = nil) -> HistoryLocation {
        HistoryLocation(directory: URL(fileURLWithPath: folder ?? historyDirectory), maxFileBytes: historyMaxFileBytes)
    }
}

extension CommandContext {
    /// The history of a command that does not run the suite: `--history DIR` or `[report]
    /// history`, with the `[history]` limits of `config` (else ./config.toml, else the defaults).
    func historyLocation(history: String?, config: String?) throws(CLIError) -> HistoryLocation {
        try reportSettings(config: config).historyLocation(folder: history)
    }
}

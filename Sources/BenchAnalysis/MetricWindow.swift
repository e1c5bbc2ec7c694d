import BenchModel

/// The recent history whose run-to-run spread every metric is judged against.
enum MetricWindow {
    /// The newest `limit` runs of `history` that ran on the same machine and build configuration as
    /// `current`, excluding `current` itself. Another machine's or a debug build's figures say
    /// nothing about how this one's vary.
    static func runs(before current: RunRecord, in history: [RunRecord], limit: Int) -> [RunRecord] {
        let fingerprint = current.machine.fingerprint
        let eligible = history.filter {
            $0.id != current.id && $0.machine.fingerprint == fingerprint
                && $0.buildConfiguration == current.buildConfiguration
        }
        return Array(eligible.suffix(limit))
    }

    /// The metric of one benchmark over the window, from the runs where it succeeded.
    static func values(of name: String, in window: [RunRecord], metric: (BenchmarkResult) -> Double?) -> [Double] {
        window.compactMap { run in
            guard let result = run.benchmark(named: name), result.outcome.isSuccess else { return nil }
            return metric(result)
        }
    }
}

import BenchModel

/// The recent history whose run-to-run spread every metric is judged against.
enum MetricWindow {
    /// The newest `limit` runs of `history` that ran on the same machine and build configuration as
    /// `current`, excluding `current` itself. Another machine's or a debug build's figures say
    /// nothing about how this one's vary.
    static func runs(before current: RunRecord, in history: [RunRecord], limit: Int) -> [RunRecord] {
        indices(before: current, in: history, limit: limit).map { history[$0] }
    }

    /// Where in `history` the window's runs are, oldest first.
    static func indices(before current: RunRecord, in history: [RunRecord], limit: Int) -> [Int] {
        let fingerprint = current.machine.fingerprint
        let eligible = history.indices.filter {
            history[$0].id != current.id && history[$0].machine.fingerprint == fingerprint
                && history[$0].buildConfiguration == current.buildConfiguration
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

import BenchModel

/// The recent history whose run-to-run spread every metric is judged against.
struct MetricWindow {
    /// Oldest first.
    let runs: [RunRecord]
    /// Per run, where each benchmark name first appears in it: every metric of every benchmark
    /// looks each run up (300 benchmarks, three metrics and 20 runs would otherwise compare names
    /// millions of times, copying each result it passes).
    private let positions: [[String: Int]]

    /// The newest `limit` runs of `history` that ran on the same machine and build configuration as
    /// `current`, excluding `current` itself. Another machine's or a debug build's figures say
    /// nothing about how this one's vary.
    init(before current: RunRecord, in history: [RunRecord], limit: Int) {
        runs = Self.indices(before: current, in: history, limit: limit).map { history[$0] }
        positions = runs.map { $0.firstPositions() }
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

    /// The metric of one benchmark over the window, from the runs where it succeeded (the first
    /// result of that name in each, as `RunRecord.benchmark(named:)` finds it).
    func values(of name: String, metric: (BenchmarkResult) -> Double?) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(runs.count)
        for (run, positions) in zip(runs, positions) {
            guard let position = positions[name], run.benchmarks[position].outcome.isSuccess,
                let value = metric(run.benchmarks[position])
            else { continue }
            values.append(value)
        }
        return values
    }
}

import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport

/// Seeded runs of one benchmark "x" measured in rounds: the noise model of the process-level
/// verdict tests. A run lands at `level` × (1 + `drift` × N(0, 1)) (the machine between runs), each
/// of its `processes` processes at the run's level × (1 + `jitter` × N(0, 1)) (the mode a process
/// lands in), and each process's `samples` samples scatter by `noise` around that.
struct ProcessSimulation {
    var processes = 5
    var samples = 20
    var drift = 0.0
    var jitter = 0.02
    var noise = 0.05
    var threshold = ThresholdDefaults.time

    func result(level: Double, _ g: inout SeededGenerator) -> BenchmarkResult {
        let runLevel = level * (1 + drift * g.nextNormal())
        return Records.result(
            "x", processes: Records.processes(processes, samples: samples, level: runLevel, jitter: jitter, noise: noise, &g))
    }

    /// `earlier` unchanged runs at 1 ms, then the current run at 1 ms × (1 + `change`); the last
    /// earlier run is the baseline.
    func runs(earlier: Int, change: Double, _ g: inout SeededGenerator) -> [RunRecord] {
        var runs = (0..<earlier).map { i in Records.run("run-\(i)", minute: i, [result(level: 1e6, &g)]) }
        runs.append(Records.run("now", minute: earlier, [result(level: 1e6 * (1 + change), &g)]))
        return runs
    }

    /// The current run's comparison with the run before it and all earlier runs as history.
    func compare(_ runs: [RunRecord]) -> BenchmarkComparison {
        let earlier = Array(runs.dropLast())
        return Analyzer.compare(
            current: runs[runs.count - 1], baseline: earlier.last, history: earlier,
            options: AnalysisOptions(timeThreshold: threshold)
        ).benchmarks[0]
    }

    /// One A/B job: `rounds` rounds, base then head in each; both share the round's machine state
    /// (`drift` per round), the head is slower by `change`.
    func abRuns(rounds: Int, change: Double, _ g: inout SeededGenerator) -> (base: RunRecord, head: RunRecord) {
        var base: [[Double]] = []
        var head: [[Double]] = []
        for _ in 0..<rounds {
            let round = 1e6 * (1 + drift * g.nextNormal())
            base += Records.processes(1, samples: samples, level: round, jitter: jitter, noise: noise, &g)
            head += Records.processes(1, samples: samples, level: round * (1 + change), jitter: jitter, noise: noise, &g)
        }
        return (
            Records.run("base", minute: 0, [Records.result("x", processes: base)]),
            Records.run("head", minute: 1, [Records.result("x", processes: head)])
        )
    }

    func compareAB(_ pair: (base: RunRecord, head: RunRecord)) -> BenchmarkComparison {
        Analyzer.compareAB(base: pair.base, head: pair.head, options: AnalysisOptions(timeThreshold: threshold)).benchmarks[0]
    }

    /// `pair` with some processes of either side put into a slow mode, as real machines do now and
    /// then: each process with probability `share`, its samples multiplied by a factor drawn from
    /// `factors`.
    func withSlowModes(
        _ pair: (base: RunRecord, head: RunRecord), share: Double, factors: ClosedRange<Double>, _ g: inout SeededGenerator
    ) -> (base: RunRecord, head: RunRecord) {
        func slow(_ run: RunRecord, _ g: inout SeededGenerator) -> RunRecord {
            var run = run
            var result = run.benchmarks[0]
            var offset = 0
            for count in (result.processes ?? []).map(\.samples) {
                if Double.random(in: 0..<1, using: &g) < share {
                    let factor = Double.random(in: factors, using: &g)
                    for index in offset..<offset + count { result.samplesNs[index] = Int64(Double(result.samplesNs[index]) * factor) }
                }
                offset += count
            }
            run.benchmarks[0] = result
            return run
        }
        return (slow(pair.base, &g), slow(pair.head, &g))
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

extension BenchmarkExecutor {
    /// How `spec` is split over rounds, with a Swift benchmark's own caps from its code.
    func split(_ spec: BenchmarkSpec) -> RoundSplit {
        var benchmark: (any SwiftBenchmark)?
        if case .swift(let name) = spec.definition { benchmark = registry[name] }
        return RoundSplit(
            spec, isolation: plan.isolation, ownMaxIterations: benchmark?.maxIterations,
            ownMaxDurationNs: benchmark?.maxDurationNs)
    }

    /// Runs round `round` of a benchmark and adds it to `results`, with the machine's load read
    /// around it. False when the run was interrupted before the round finished: a round cut
    /// short is not recorded.
    func runRound(_ round: Int, of results: inout RoundResults) -> Bool {
        let roundSpec = results.split.spec(round: round, of: results.spec)
        let before = MachineLoad.read()
        guard let result = run(roundSpec) else { return false }
        let load = before.flatMap { start in MachineLoad.read().flatMap { MachineLoad(from: start, to: $0) } }
        results.add(result, round: round, roundSpec: roundSpec, load: load)
        return true
    }

    /// The benchmark's result from its rounds so far.
    func merged(_ results: RoundResults) -> BenchmarkResult? {
        results.merged { statistics(results.spec, $0) }
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

/// One benchmark's rounds as they finish, and the one result they make together.
///
/// Each round's result becomes a `ProcessRecord` of its own (samples, outcome, resources, the
/// machine's load around it), and `ProcessMerge` makes the benchmark's result of them, by the same
/// rule `ab` merges its passes with.
///
/// A round that ends other than ok (crash, timeout, limit, failure, error) ends the benchmark:
/// it sits out the later rounds, because whatever broke it would most likely break them too and
/// the suite should not pay for it again. The benchmark takes that round's outcome and reason,
/// and keeps every sample measured before and in it.
struct RoundResults: Sendable {
    let spec: BenchmarkSpec
    let split: RoundSplit
    /// Each round's result with its process record, in round order.
    private(set) var rounds: [ProcessMerge.Part] = []

    init(spec: BenchmarkSpec, split: RoundSplit) {
        self.spec = spec
        self.split = split
    }

    /// Whether it runs in `round`: it has that many rounds and none of them failed.
    func runs(in round: Int) -> Bool {
        round <= split.count && rounds.allSatisfy { $0.result.outcome.isSuccess }
    }

    /// Every round it will run has run.
    var isDone: Bool { !runs(in: rounds.count + 1) }

    /// `result` is what round `round` measured, run as `roundSpec`; `load` the machine's load
    /// while it ran.
    mutating func add(_ result: BenchmarkResult, round: Int, roundSpec: BenchmarkSpec, load: MachineLoad?) {
        var result = result
        result.processes = [Self.process(of: result, round: round, roundSpec: roundSpec, load: load)]
        rounds.append(ProcessMerge.Part(round: round, result: result))
    }

    /// The process record of one round. A command's runner hands its spawn count in a partial
    /// record (`processes`); what it left out is filled here.
    static func process(
        of result: BenchmarkResult, round: Int, roundSpec: BenchmarkSpec, load: MachineLoad?
    ) -> ProcessRecord {
        let resources = result.resources
        let samples = result.samplesNs.count
        var spawns: Int?
        var iterations: Int?
        switch result.kind {
        case .command:
            spawns = result.processes?.first?.spawns ?? (samples > 0 ? roundSpec.warmup + samples : nil)
            iterations = spawns
        case .swift:
            iterations = roundSpec.warmup + samples * (result.batchSize ?? 1)
        }
        return ProcessRecord(
            round: round, samples: samples, outcome: result.outcome, exitCode: result.exitCode, signal: result.signal,
            maxRSSBytes: resources.maxRSSBytes,
            memoryGrowthBytes: result.kind == .swift
                ? resources.peakMemoryGrowthWithWarmupBytes ?? resources.peakMemoryGrowthBytes : nil,
            cpuUserUs: resources.cpuUserUs, cpuSystemUs: resources.cpuSystemUs, wallMs: resources.totalMs,
            iterations: iterations, spawns: spawns, machineBusy: load?.busy, steal: load?.steal)
    }

    /// The benchmark's result from the rounds so far, its settings as configured with the rounds
    /// planned; `statistics` computes the stats of samples. Nil before the first round.
    func merged(statistics: ([Int64]) -> SampleStats?) -> BenchmarkResult? {
        var settings = spec.settings
        settings.rounds = split.count
        return ProcessMerge.merge(rounds, settings: settings, statistics: statistics)
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

/// One benchmark's rounds as they finish, and the one result they make together.
///
/// Each round's result becomes a `ProcessRecord` of its own (samples, outcome, resources, the
/// machine's load around it). The benchmark's result reads as before for those who know nothing
/// of processes: `samplesNs` is every round's samples in round order, `stats` are over all of
/// them, max RSS and memory growth are the largest of the rounds, CPU time, wall time, switches
/// and faults are summed.
///
/// A round that ends other than ok (crash, timeout, limit, failure, error) ends the benchmark:
/// it sits out the later rounds, because whatever broke it would most likely break them too and
/// the suite should not pay for it again. The benchmark takes that round's outcome and reason,
/// and keeps every sample measured before and in it.
struct RoundResults: Sendable {
    let spec: BenchmarkSpec
    let split: RoundSplit
    private(set) var rounds: [BenchmarkResult] = []
    private(set) var processes: [ProcessRecord] = []

    init(spec: BenchmarkSpec, split: RoundSplit) {
        self.spec = spec
        self.split = split
    }

    /// Whether it runs in `round`: it has that many rounds and none of them failed.
    func runs(in round: Int) -> Bool {
        round <= split.count && rounds.allSatisfy { $0.outcome.isSuccess }
    }

    /// Every round it will run has run.
    var isDone: Bool { !runs(in: rounds.count + 1) }

    /// `result` is what round `round` measured, run as `roundSpec`; `load` the machine's load
    /// while it ran.
    mutating func add(_ result: BenchmarkResult, round: Int, roundSpec: BenchmarkSpec, load: MachineLoad?) {
        rounds.append(result)
        processes.append(Self.process(of: result, round: round, roundSpec: roundSpec, load: load))
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

    /// The benchmark's result from the rounds so far; `statistics` computes the stats of samples.
    /// Nil before the first round.
    func merged(statistics: ([Int64]) -> SampleStats?) -> BenchmarkResult? {
        guard var merged = rounds.first else { return nil }
        var settings = spec.settings
        settings.rounds = split.count
        merged.config = settings
        merged.processes = processes
        guard rounds.count > 1 else { return merged }

        // The round that ended it, if one did, explains the outcome.
        if let ended = rounds.first(where: { !$0.outcome.isSuccess }) {
            merged.outcome = ended.outcome
            merged.exitCode = ended.exitCode
            merged.signal = ended.signal
            merged.error = ended.error
            merged.stderrTail = ended.stderrTail
            merged.killedBy = ended.killedBy
            merged.limitHit = ended.limitHit
        }
        merged.mode = rounds.first(where: { $0.mode != .isolated })?.mode ?? .isolated
        merged.samplesNs = rounds.flatMap(\.samplesNs)
        merged.samplesSource = rounds.compactMap(\.samplesSource).first
        merged.stats = merged.samplesNs.isEmpty ? nil : statistics(merged.samplesNs)
        merged.resources = Self.total(rounds.map(\.resources))
        merged.limits = rounds.compactMap(\.limits).first
        merged.batchSize = rounds.compactMap(\.batchSize).first
        merged.scalingFactor = rounds.compactMap(\.scalingFactor).first
        return merged
    }

    /// The largest peaks, the summed costs.
    static func total(_ parts: [Resources]) -> Resources {
        func largest(_ values: [UInt64?]) -> UInt64? { values.compactMap { $0 }.max() }
        func sum(_ values: [UInt64?]) -> UInt64? {
            let known = values.compactMap { $0 }
            return known.isEmpty ? nil : known.reduce(0, &+)
        }
        let overheads = parts.compactMap(\.overheadMs)
        return Resources(
            maxRSSBytes: largest(parts.map(\.maxRSSBytes)),
            peakMemoryGrowthBytes: largest(parts.map(\.peakMemoryGrowthBytes)),
            cpuUserUs: sum(parts.map(\.cpuUserUs)), cpuSystemUs: sum(parts.map(\.cpuSystemUs)),
            totalMs: parts.reduce(0) { $0 + $1.totalMs },
            overheadMs: overheads.isEmpty ? nil : overheads.reduce(0, +),
            voluntaryContextSwitches: sum(parts.map(\.voluntaryContextSwitches)),
            involuntaryContextSwitches: sum(parts.map(\.involuntaryContextSwitches)),
            minorFaults: sum(parts.map(\.minorFaults)), majorFaults: sum(parts.map(\.majorFaults)),
            cgroupPeakBytes: largest(parts.map(\.cgroupPeakBytes)),
            peakMemoryGrowthWithWarmupBytes: largest(parts.map(\.peakMemoryGrowthWithWarmupBytes)))
    }
}

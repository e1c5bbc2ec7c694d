/// One process of a benchmark in one run: the unit of evidence. Samples inside one process agree
/// closely, but each process lands in a mode of its own (memory layout, core, cache and frequency
/// state), so verdicts weigh processes, not samples.
///
/// A Swift benchmark measured in rounds has one record per worker process. A command benchmark
/// already runs every iteration as its own process; it has one record per round, covering that
/// round's iterations (`spawns` says how many processes that was).
///
/// The samples stay in the result's `samplesNs` (and `samplesInstructions`), in order: this
/// process measured the next `samples` of them.
public struct ProcessRecord: Codable, Sendable, Equatable {
    /// The round it ran in, from 1: round 1 runs every benchmark once, then round 2, and so on.
    public var round: Int
    /// How many of the result's samples, following those of the records before it, it measured.
    public var samples: Int
    public var outcome: Outcome
    public var exitCode: Int32?
    /// The signal that ended it, by name, when one did.
    public var signal: String?
    /// Its peak resident set (for a command: the largest of its processes), in bytes.
    public var maxRSSBytes: UInt64?
    /// Swift benchmarks: how much the peak RSS grew from before the warm-up to the end of the
    /// measured iterations (the 💾 figure of this process).
    public var memoryGrowthBytes: UInt64?
    public var cpuUserUs: UInt64?
    public var cpuSystemUs: UInt64?
    /// From spawn to reap, warm-up included, in milliseconds.
    public var wallMs: Double
    /// Iterations it ran, warm-up included (each sample may time a batch of them): what its CPU
    /// time is divided by to compare processes that ran different numbers of iterations.
    public var iterations: Int?
    /// Command benchmarks: how many processes this round spawned (one per iteration).
    public var spawns: Int?
    /// The share of the whole machine's CPU time (every core) that was busy while it ran, from
    /// /proc/stat, its own share included: a noisy neighbour shows as a high figure.
    public var machineBusy: Double?
    /// The share of the machine's CPU time the hypervisor took for other guests while it ran.
    public var steal: Double?

    public init(
        round: Int, samples: Int, outcome: Outcome, exitCode: Int32? = nil, signal: String? = nil,
        maxRSSBytes: UInt64? = nil, memoryGrowthBytes: UInt64? = nil, cpuUserUs: UInt64? = nil,
        cpuSystemUs: UInt64? = nil, wallMs: Double, iterations: Int? = nil, spawns: Int? = nil,
        machineBusy: Double? = nil, steal: Double? = nil
    ) {
        self.round = round
        self.samples = samples
        self.outcome = outcome
        self.exitCode = exitCode
        self.signal = signal
        self.maxRSSBytes = maxRSSBytes
        self.memoryGrowthBytes = memoryGrowthBytes
        self.cpuUserUs = cpuUserUs
        self.cpuSystemUs = cpuSystemUs
        self.wallMs = wallMs
        self.iterations = iterations
        self.spawns = spawns
        self.machineBusy = machineBusy
        self.steal = steal
    }

    /// CPU time (user + system) per iteration in microseconds; nil without both figures.
    public var cpuPerIterationUs: Double? {
        guard let cpuUserUs, let cpuSystemUs, let iterations, iterations > 0 else { return nil }
        return Double(cpuUserUs + cpuSystemUs) / Double(iterations)
    }

    // Absent optionals are left out: a run holds one record per process per benchmark, and
    // explicit nulls would double its size.
    private enum CodingKeys: String, CodingKey {
        case round, samples, outcome, exitCode, signal, maxRSSBytes, memoryGrowthBytes, cpuUserUs, cpuSystemUs, wallMs,
            iterations, spawns, machineBusy, steal
    }
}

extension BenchmarkResult {
    /// The processes of this result: the recorded ones, or, for a result that recorded none (an
    /// import of a tool that ran one process, a run assembled in memory), one process holding every
    /// sample and the benchmark's resources.
    public var processRecords: [ProcessRecord] {
        if let processes, !processes.isEmpty { return processes }
        return [
            ProcessRecord(
                round: 1, samples: samplesNs.count, outcome: outcome, exitCode: exitCode, signal: signal,
                maxRSSBytes: resources.maxRSSBytes,
                memoryGrowthBytes: resources.peakMemoryGrowthWithWarmupBytes ?? resources.peakMemoryGrowthBytes,
                cpuUserUs: resources.cpuUserUs, cpuSystemUs: resources.cpuSystemUs, wallMs: resources.totalMs,
                iterations: (config?.iterations).map { $0 + warmup })
        ]
    }

    /// `samplesNs` split by process, in the order of `processRecords`. Counts that do not add up
    /// (the reader refuses such files) give one group holding every sample.
    public var samplesByProcess: [ArraySlice<Int64>] { Self.split(samplesNs, by: processRecords) }

    /// `samplesInstructions` split by process; empty for the time metric.
    public var instructionsByProcess: [ArraySlice<Int64>] {
        guard let samplesInstructions else { return [] }
        return Self.split(samplesInstructions, by: processRecords)
    }

    private static func split(_ values: [Int64], by processes: [ProcessRecord]) -> [ArraySlice<Int64>] {
        guard processes.reduce(0, { $0 + $1.samples }) == values.count else { return [values[...]] }
        var slices: [ArraySlice<Int64>] = []
        slices.reserveCapacity(processes.count)
        var start = values.startIndex
        for process in processes {
            slices.append(values[start..<(start + process.samples)])
            start += process.samples
        }
        return slices
    }
}

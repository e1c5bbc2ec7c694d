/// How a benchmark is defined: a program to spawn, or a Swift closure registered with the library.
public enum BenchmarkKind: String, Codable, Sendable {
    case command
    case swift
}

/// Where a benchmark actually ran.
public enum ExecutionMode: String, Codable, Sendable {
    /// In its own child process (a command, or a swift benchmark in a worker).
    case isolated
    /// Inside benchboard's own process, because isolation was switched off.
    case inProcess = "in-process"
    /// Inside benchboard's own process because the worker could not be started at all.
    case fallback
}

/// How a benchmark ended.
public enum Outcome: String, Codable, Sendable {
    case ok
    /// Exited with a non-zero status.
    case failed
    /// Ended by a signal it did not ask for (SIGSEGV, SIGABRT, …).
    case crashed
    /// Overran its time limit and was killed.
    case timeout
    /// Could not be started at all (command not found, permission denied, …).
    case error
    /// Ran into one of its resource limits (`limitHit` says which) and was stopped there.
    case limit

    public var isSuccess: Bool { self == .ok }
}

/// Who timed a benchmark's samples.
public enum SamplesSource: String, Codable, Sendable {
    /// Timed inside the benchmark's process: a command's own harness reporting on fd 3, or
    /// benchboard's loop around a Swift benchmark's closure (worker or in-process).
    case harness
    /// The wall time of each child process from start to exit, as the launcher measured it:
    /// a command that reported nothing usable on fd 3.
    case wall
}

/// Everything one benchmark produced in one run.
public struct BenchmarkResult: Codable, Sendable, Equatable {
    public var name: String
    public var group: String
    public var kind: BenchmarkKind
    public var mode: ExecutionMode
    public var outcome: Outcome
    public var exitCode: Int32?
    /// The signal that ended the child, by name ("SIGSEGV"), when one did.
    public var signal: String?
    /// A user-facing sentence when the outcome is not ok (with the stderr tail where there is one).
    public var error: String?
    /// The last lines the child wrote to stderr, kept for failed, crashed and timed-out benchmarks.
    public var stderrTail: String?
    /// For a timeout: which signal finally ended it ("SIGTERM" when it obeyed, "SIGKILL" after the grace period).
    public var killedBy: String?
    public var targetNs: Int64?
    public var timeoutMs: Int
    public var warmup: Int
    /// The measured iterations, one sample each, in nanoseconds.
    public var samplesNs: [Int64]
    /// Who timed `samplesNs`; nil when there are none, and in files written before it was recorded.
    public var samplesSource: SamplesSource?
    public var stats: SampleStats?
    /// What the samples that decide verdicts measure. With `.instructions`, `samplesNs` still holds
    /// wall times, inflated by valgrind, and `samplesInstructions` the counts.
    public var metric: Metric
    /// Instructions executed per measured iteration, one sample each; nil for the time metric.
    public var samplesInstructions: [Int64]?
    public var instructionStats: CountStats?
    public var resources: Resources
    /// The resolved configuration this benchmark ran with, so a run file explains itself.
    public var config: BenchmarkSettings?
    /// The limits it ran under and how each was enforced; nil when it had none.
    public var limits: [AppliedLimit]?
    /// For outcome `limit`: which limit it hit.
    public var limitHit: LimitedResource?
    /// Each process that measured it, in the order its samples appear in `samplesNs`. Nil in files
    /// of schema 1 (migrated on read to one process) and for imports of tools that ran one.
    public var processes: [ProcessRecord]?
    /// How many iterations each sample timed: short benchmarks are timed in batches so that a
    /// sample lasts far longer than reading the clock. The samples are per iteration (the batch's
    /// time divided by this); nil means 1.
    public var batchSize: Int?
    /// The inner iterations each measured iteration runs (`scalingFactor` of a Swift benchmark):
    /// the samples are per inner iteration, and say so. Nil means 1.
    public var scalingFactor: Int?

    public init(
        name: String, group: String, kind: BenchmarkKind, mode: ExecutionMode, outcome: Outcome,
        exitCode: Int32? = nil, signal: String? = nil, error: String? = nil, stderrTail: String? = nil,
        killedBy: String? = nil, targetNs: Int64? = nil, timeoutMs: Int, warmup: Int, samplesNs: [Int64],
        stats: SampleStats? = nil, metric: Metric = .time, samplesInstructions: [Int64]? = nil,
        instructionStats: CountStats? = nil, resources: Resources, config: BenchmarkSettings? = nil,
        samplesSource: SamplesSource? = nil, limits: [AppliedLimit]? = nil, limitHit: LimitedResource? = nil,
        processes: [ProcessRecord]? = nil, batchSize: Int? = nil, scalingFactor: Int? = nil
    ) {
        self.processes = processes
        self.batchSize = batchSize
        self.scalingFactor = scalingFactor
        self.limits = limits
        self.limitHit = limitHit
        self.name = name
        self.group = group
        self.kind = kind
        self.mode = mode
        self.outcome = outcome
        self.exitCode = exitCode
        self.signal = signal
        self.error = error
        self.stderrTail = stderrTail
        self.killedBy = killedBy
        self.targetNs = targetNs
        self.timeoutMs = timeoutMs
        self.warmup = warmup
        self.samplesNs = samplesNs
        self.samplesSource = samplesSource
        self.stats = stats
        self.metric = metric
        self.samplesInstructions = samplesInstructions
        self.instructionStats = instructionStats
        self.resources = resources
        self.config = config
    }

    // Optionals are written as explicit nulls so every file has the same shape.
    private enum CodingKeys: String, CodingKey {
        case name, group, kind, mode, outcome, exitCode, signal, error, stderrTail, killedBy, targetNs,
            timeoutMs, warmup, samplesNs, samplesSource, stats, metric, samplesInstructions, instructionStats, resources, config,
            limits, limitHit, processes, batchSize, scalingFactor
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        group = try c.decode(String.self, forKey: .group)
        kind = try c.decode(BenchmarkKind.self, forKey: .kind)
        mode = try c.decode(ExecutionMode.self, forKey: .mode)
        outcome = try c.decode(Outcome.self, forKey: .outcome)
        exitCode = try c.decodeIfPresent(Int32.self, forKey: .exitCode)
        signal = try c.decodeIfPresent(String.self, forKey: .signal)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        stderrTail = try c.decodeIfPresent(String.self, forKey: .stderrTail)
        killedBy = try c.decodeIfPresent(String.self, forKey: .killedBy)
        targetNs = try c.decodeIfPresent(Int64.self, forKey: .targetNs)
        timeoutMs = try c.decode(Int.self, forKey: .timeoutMs)
        warmup = try c.decode(Int.self, forKey: .warmup)
        samplesNs = try c.decode([Int64].self, forKey: .samplesNs)
        samplesSource = try c.decodeIfPresent(SamplesSource.self, forKey: .samplesSource)
        stats = try c.decodeIfPresent(SampleStats.self, forKey: .stats)
        // Files written before instruction counting knew only time.
        metric = try c.decodeIfPresent(Metric.self, forKey: .metric) ?? .time
        samplesInstructions = try c.decodeIfPresent([Int64].self, forKey: .samplesInstructions)
        instructionStats = try c.decodeIfPresent(CountStats.self, forKey: .instructionStats)
        resources = try c.decode(Resources.self, forKey: .resources)
        config = try c.decodeIfPresent(BenchmarkSettings.self, forKey: .config)
        limits = try c.decodeIfPresent([AppliedLimit].self, forKey: .limits)
        limitHit = try c.decodeIfPresent(LimitedResource.self, forKey: .limitHit)
        processes = try c.decodeIfPresent([ProcessRecord].self, forKey: .processes)
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize)
        scalingFactor = try c.decodeIfPresent(Int.self, forKey: .scalingFactor)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(group, forKey: .group)
        try c.encode(kind, forKey: .kind)
        try c.encode(mode, forKey: .mode)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(signal, forKey: .signal)
        try c.encode(error, forKey: .error)
        try c.encode(stderrTail, forKey: .stderrTail)
        try c.encode(killedBy, forKey: .killedBy)
        try c.encode(targetNs, forKey: .targetNs)
        try c.encode(timeoutMs, forKey: .timeoutMs)
        try c.encode(warmup, forKey: .warmup)
        try c.encode(samplesNs, forKey: .samplesNs)
        try c.encode(samplesSource, forKey: .samplesSource)
        try c.encode(stats, forKey: .stats)
        try c.encode(metric, forKey: .metric)
        // Only instruction-counted benchmarks carry counts; time files keep their old shape.
        try c.encodeIfPresent(samplesInstructions, forKey: .samplesInstructions)
        try c.encodeIfPresent(instructionStats, forKey: .instructionStats)
        try c.encode(resources, forKey: .resources)
        try c.encodeIfPresent(config, forKey: .config)
        try c.encodeIfPresent(limits, forKey: .limits)
        try c.encodeIfPresent(limitHit, forKey: .limitHit)
        try c.encodeIfPresent(processes, forKey: .processes)
        try c.encodeIfPresent(batchSize, forKey: .batchSize)
        try c.encodeIfPresent(scalingFactor, forKey: .scalingFactor)
    }

    /// The median in nanoseconds, from the recorded stats or, for old files, from the samples.
    public var medianNs: Double? {
        if let stats { return stats.medianNs }
        guard !samplesNs.isEmpty else { return nil }
        let sorted = samplesNs.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : (Double(sorted[mid - 1]) + Double(sorted[mid])) / 2
    }

    /// The median instruction count, from the recorded stats or the samples; nil for the time metric.
    public var medianInstructions: Double? {
        if let instructionStats { return instructionStats.median }
        return samplesInstructions.flatMap { CountStats($0)?.median }
    }

    /// ✅ Fast / ❌ Slow against the target, nil without a target or a median. Nil when counting
    /// instructions: the target is a time, and wall time under valgrind is not the program's.
    public var isFast: Bool? {
        guard metric == .time, let targetNs, let median = medianNs else { return nil }
        return median <= Double(targetNs)
    }
}

/// The resolved settings a benchmark ran with (after defaults, environment and CLI).
public struct BenchmarkSettings: Codable, Sendable, Equatable {
    public var command: [String]?
    public var swift: String?
    public var iterations: Int
    public var minTimeMs: Double?
    /// Swift benchmarks: the time budget of the measured iterations, when one was set in config.toml.
    public var maxDurationMs: Double?
    public var graceMs: Int
    public var killSignal: String
    public var env: [String: String]
    public var inheritEnv: [String]
    public var regressionThreshold: Double?
    /// Nil in files written before instruction counting: time.
    public var metric: Metric?
    /// How many rounds (processes, for a Swift benchmark) it was measured in; nil in files
    /// written before rounds existed: one.
    public var rounds: Int?
    /// Shown, never gating: its verdicts are informational.
    public var informational: Bool?

    public init(
        command: [String]?, swift: String?, iterations: Int, minTimeMs: Double?, maxDurationMs: Double? = nil, graceMs: Int,
        killSignal: String,
        env: [String: String], inheritEnv: [String], regressionThreshold: Double? = nil, metric: Metric? = nil,
        rounds: Int? = nil, informational: Bool? = nil
    ) {
        self.rounds = rounds
        self.informational = informational
        self.command = command
        self.swift = swift
        self.iterations = iterations
        self.minTimeMs = minTimeMs
        self.maxDurationMs = maxDurationMs
        self.graceMs = graceMs
        self.killSignal = killSignal
        self.env = env
        self.inheritEnv = inheritEnv
        self.regressionThreshold = regressionThreshold
        self.metric = metric
    }
}

import BenchModel

/// What a benchmark runs: a program (argv, no shell) or a closure registered with the library.
public enum BenchmarkDefinition: Sendable, Equatable {
    case command([String])
    case swift(String)

    public var isSwift: Bool {
        if case .swift = self { return true }
        return false
    }
}

/// One `[[benchmark]]` with every default applied: what the runner needs and nothing to look up.
public struct BenchmarkSpec: Sendable, Equatable {
    public var name: String
    public var group: String
    public var definition: BenchmarkDefinition
    public var targetMs: Double?
    public var timeoutMs: Int
    public var graceMs: Int
    /// Always the full name ("SIGTERM"), one of `KillSignal.allowed`.
    public var killSignal: String
    public var warmup: Int
    public var iterations: Int
    /// How many rounds it is measured in (`rounds`): a Swift benchmark in as many worker
    /// processes, its iterations split over them; a command's iterations split likewise. Rounds
    /// interleave across the suite. Built in code a spec has one round unless it asks for more;
    /// config.toml's default is `ConfigDefaults.rounds`.
    public var rounds: Int
    /// Run until this much measured time; `iterations` is then a minimum.
    public var minTimeMs: Double?
    /// Swift benchmarks: a wall-time budget for the measured iterations; once spent, the
    /// benchmark ends with the samples taken so far (outcome ok). Nil: the benchmark's own, if any.
    public var maxDurationMs: Double?
    public var env: [String: String]
    public var inheritEnv: [String]
    /// A fraction (0.05 = 5 %) overriding `[report] regression_threshold` for this benchmark.
    public var regressionThreshold: Double?
    /// What the samples measure: wall time, or instructions counted under valgrind.
    public var metric: Metric
    /// `max_memory_mb`, `max_processes`, `max_cpu_s`, `max_open_files`, `max_output_mb`.
    public var limits: ResourceLimits
    /// `informational = true`: its verdicts are shown and never gate (for a benchmark too noisy to
    /// detect a change worth gating on).
    public var informational: Bool
    /// The line of its `[[benchmark]]` header, for messages.
    public var line: Int?

    public init(
        name: String, group: String = ConfigDefaults.group, definition: BenchmarkDefinition, targetMs: Double? = nil,
        timeoutMs: Int = ConfigDefaults.timeoutMs, graceMs: Int = ConfigDefaults.graceMs,
        killSignal: String = ConfigDefaults.killSignal, warmup: Int = ConfigDefaults.warmup,
        iterations: Int = ConfigDefaults.iterations, rounds: Int = 1, minTimeMs: Double? = nil, maxDurationMs: Double? = nil,
        env: [String: String] = ConfigDefaults.env,
        inheritEnv: [String] = ConfigDefaults.inheritEnv, regressionThreshold: Double? = nil,
        limits: ResourceLimits = ResourceLimits(),
        metric: Metric = ConfigDefaults.metric, informational: Bool = false, line: Int? = nil
    ) {
        self.informational = informational
        self.limits = limits
        self.name = name
        self.group = group
        self.definition = definition
        self.targetMs = targetMs
        self.timeoutMs = timeoutMs
        self.graceMs = graceMs
        self.killSignal = killSignal
        self.warmup = warmup
        self.iterations = iterations
        self.rounds = rounds
        self.minTimeMs = minTimeMs
        self.maxDurationMs = maxDurationMs
        self.env = env
        self.inheritEnv = inheritEnv
        self.regressionThreshold = regressionThreshold
        self.metric = metric
        self.line = line
    }

    public var kind: BenchmarkKind {
        switch definition {
        case .command: .command
        case .swift: .swift
        }
    }

    /// The target in whole nanoseconds, as a run record stores it; nil for a target no Int64
    /// of nanoseconds holds (config refuses those; a spec built in code must not trap).
    public var targetNs: Int64? {
        targetMs.flatMap { Int64(exactly: ($0 * 1_000_000).rounded()) }
    }

    /// The resolved settings as a run record stores them, so a run file explains itself.
    public var settings: BenchmarkSettings {
        var command: [String]?
        var swift: String?
        switch definition {
        case let .command(argv): command = argv
        case let .swift(name): swift = name
        }
        return BenchmarkSettings(
            command: command, swift: swift, iterations: iterations, minTimeMs: minTimeMs, maxDurationMs: maxDurationMs,
            graceMs: graceMs, killSignal: killSignal, env: env, inheritEnv: inheritEnv,
            regressionThreshold: regressionThreshold, metric: metric == .time ? nil : metric,
            rounds: rounds, informational: informational ? true : nil
        )
    }
}

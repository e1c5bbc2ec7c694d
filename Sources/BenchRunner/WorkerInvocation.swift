import BenchConfig

/// The hidden `worker` command of benchboard's own executable, which runs one swift benchmark
/// and streams its samples on the result channel (see `WorkerStream`):
///
/// `worker NAME --warmup N --iterations N [--min-time-ms MS] [--max-duration-ms MS] [--clock-cost-ns NS]
/// [--no-batching] [--count-instructions]`
///
/// The runner builds these arguments (for an exec'd worker, a fork server's job, a worker under
/// valgrind) and the worker parses them back, so both sides read them from this one place.
/// Parsed by hand, not by ArgumentParser: every microsecond the worker spends before the
/// benchmark is isolation overhead.
public struct WorkerInvocation: Sendable, Equatable {
    public static let command = "worker"

    /// The registered name of the swift benchmark.
    public var name: String
    public var warmup: Int
    public var iterations: Int
    public var minTimeMs: Double?
    public var maxDurationMs: Double?
    /// What a clock read cost when the run started, so the worker sizes its batches without
    /// measuring it again (every microsecond of the worker is isolation overhead).
    public var clockCostNs: Double?
    /// Time each iteration alone, clock reads included: only for measuring what batching saves.
    public var noBatching: Bool
    /// Run under callgrind and mark each measured iteration for it (`IterationEngine.countInstructions`).
    public var countInstructions: Bool

    public init(
        name: String, warmup: Int, iterations: Int, minTimeMs: Double? = nil, maxDurationMs: Double? = nil,
        clockCostNs: Double? = nil, noBatching: Bool = false, countInstructions: Bool = false
    ) {
        self.clockCostNs = clockCostNs
        self.noBatching = noBatching
        self.name = name
        self.warmup = warmup
        self.iterations = iterations
        self.minTimeMs = minTimeMs
        self.maxDurationMs = maxDurationMs
        self.countInstructions = countInstructions
    }

    /// The worker for `spec`. Counting instructions leaves out the time budgets: a count does not
    /// grow more certain with more iterations, so `countInstructions` does not apply them.
    init(_ spec: BenchmarkSpec, name: String, clockCostNs: Double? = nil, countInstructions: Bool = false) {
        self.init(
            name: name, warmup: spec.warmup, iterations: spec.iterations,
            minTimeMs: countInstructions ? nil : spec.minTimeMs,
            maxDurationMs: countInstructions ? nil : spec.maxDurationMs,
            clockCostNs: countInstructions ? nil : clockCostNs,
            countInstructions: countInstructions)
    }

    /// The command line after the executable: `worker NAME …`.
    public var arguments: [String] {
        var arguments = [Self.command, name, "--warmup", String(warmup), "--iterations", String(iterations)]
        if let minTimeMs { arguments += ["--min-time-ms", String(minTimeMs)] }
        if let maxDurationMs { arguments += ["--max-duration-ms", String(maxDurationMs)] }
        if let clockCostNs { arguments += ["--clock-cost-ns", String(clockCostNs)] }
        if noBatching { arguments.append("--no-batching") }
        if countInstructions { arguments.append("--count-instructions") }
        return arguments
    }

    /// Parses what follows `worker` on the command line. Counts out of range are clamped (to
    /// 0…, 1… and the iteration ceiling), a number that does not parse takes the smallest.
    public init(parsing arguments: [String]) throws(WorkerInvocationError) {
        guard let name = arguments.first else { throw .missingName }
        self.init(name: name, warmup: 0, iterations: 1)
        var index = 1
        while index < arguments.count {
            let option = arguments[index]
            switch option {
            case "--count-instructions": countInstructions = true
            case "--no-batching": noBatching = true
            default:
                guard index + 1 < arguments.count else { throw .missingValue(option) }
                try read(option, value: arguments[index + 1])
                index += 1
            }
            index += 1
        }
    }

    private mutating func read(_ option: String, value: String) throws(WorkerInvocationError) {
        switch option {
        case "--warmup": warmup = min(max(0, Int(value) ?? 0), IterationSettings.maximumIterations)
        case "--iterations": iterations = min(max(1, Int(value) ?? 1), IterationSettings.maximumIterations)
        case "--min-time-ms": minTimeMs = Double(value)
        case "--max-duration-ms": maxDurationMs = Double(value)
        // A cost that is not a positive number is measured by the worker instead.
        case "--clock-cost-ns": clockCostNs = Double(value).flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        default: throw .unknownOption(option)
        }
    }

    /// How many times the worker runs the benchmark. A time that is not a positive number of
    /// whole nanoseconds is no budget at all.
    public var settings: IterationSettings {
        IterationSettings(
            warmup: warmup, iterations: iterations, minTimeNs: minTimeMs.flatMap(Self.nanoseconds),
            maxDurationNs: maxDurationMs.flatMap(Self.nanoseconds), clockCostNs: clockCostNs, batching: !noBatching)
    }

    private static func nanoseconds(_ milliseconds: Double) -> UInt64? {
        let ns = IterationSettings.nanoseconds(milliseconds: milliseconds)
        return ns > 0 ? ns : nil
    }
}

/// Why the worker's command line cannot be read; benchboard writes it itself, so seeing one of
/// these means the worker was started by hand or by another version.
public enum WorkerInvocationError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingName
    case missingValue(String)
    case unknownOption(String)

    public var description: String {
        switch self {
        case .missingName: "worker: benchboard starts this itself, with the name of a swift benchmark first"
        case .missingValue(let option): "worker: \(option) needs a value"
        case .unknownOption(let option): "worker: unknown option \(option)"
        }
    }
}

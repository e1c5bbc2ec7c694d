import Foundation

/// One run of a suite: what ran, where, and what each benchmark cost. Written once to
/// `output/history/<UTC time>-<short id>.json` and never rewritten.
public struct RunRecord: Codable, Sendable, Equatable {
    public var schema: String
    public var id: String
    /// Whole seconds: the form every history file has had.
    public var startedAt: Date
    /// The same start in nanoseconds since 1970 (UTC), so runs started within one second keep their
    /// order; nil in files written before it existed. See `startNs`.
    public var startedAtUnixNs: Int64?
    public var finishedAt: Date
    /// True when the run was stopped by SIGINT/SIGTERM before every benchmark ran.
    public var interrupted: Bool
    /// Whether swift benchmarks ran in worker processes (command benchmarks always do).
    public var isolation: Bool
    /// "release" or "debug": numbers from a debug build are not representative.
    public var buildConfiguration: String
    public var title: String?
    /// The config file this run was planned from, as given on the command line.
    public var configPath: String?
    public var git: GitInfo?
    public var machine: MachineInfo
    public var benchmarks: [BenchmarkResult]
    /// Set when `--filter`/`--shard` ran part of the suite; nil for a whole-suite run.
    public var selection: RunSelection?
    /// Nil for runs benchboard measured (and every file written before imports existed).
    public var kind: RunKind?
    /// For imported and merged runs: the files and tool they came from.
    public var source: RunSource?
    /// What reading the clock once cost on this machine, in nanoseconds, measured at the start of
    /// the run: a sample must last far longer than this to measure the benchmark and not the clock.
    public var clockCostNs: Double?
    /// For the head run of `benchboard ab`: the base it was judged against in the same job.
    public var ab: ABBase?

    public init(
        schema: String = HistorySchema.current, id: String, startedAt: Date, startedAtUnixNs: Int64? = nil,
        finishedAt: Date, interrupted: Bool = false, isolation: Bool, buildConfiguration: String,
        title: String? = nil, configPath: String? = nil, git: GitInfo?, machine: MachineInfo,
        benchmarks: [BenchmarkResult], selection: RunSelection? = nil, kind: RunKind? = nil, source: RunSource? = nil,
        clockCostNs: Double? = nil, ab: ABBase? = nil
    ) {
        self.clockCostNs = clockCostNs
        self.ab = ab
        self.schema = schema
        self.id = id
        self.startedAt = startedAt
        self.startedAtUnixNs = startedAtUnixNs
        self.finishedAt = finishedAt
        self.interrupted = interrupted
        self.isolation = isolation
        self.buildConfiguration = buildConfiguration
        self.title = title
        self.configPath = configPath
        self.git = git
        self.machine = machine
        self.benchmarks = benchmarks
        self.selection = selection
        self.kind = kind
        self.source = source
    }

    public func benchmark(named name: String) -> BenchmarkResult? {
        benchmarks.first { $0.name == name }
    }

    /// Where each benchmark name first appears in `benchmarks` (the result `benchmark(named:)`
    /// finds): for callers that look up every name in many runs, which a linear search per name
    /// would make quadratic.
    public func firstPositions() -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(benchmarks.count)
        for (position, result) in benchmarks.enumerated() where positions[result.name] == nil {
            positions[result.name] = position
        }
        return positions
    }

    /// Whether this run set out to run `name`: false only for a benchmark its selection left out.
    public func selected(_ name: String) -> Bool {
        !(selection?.notSelected.contains(name) ?? false)
    }

    /// The start in nanoseconds since 1970, what runs are ordered by: `startedAtUnixNs` when it lies
    /// within the second `startedAt` names (a hand-edited file cannot move a run to another time
    /// with it), else the start of that second, so an older file sorts before a newer one started
    /// in the same second.
    public var startNs: Int64 {
        let seconds = startedAt.timeIntervalSince1970.rounded(.down)
        // Int64 nanoseconds reach the year 2262; beyond that (or NaN) only the sign orders.
        guard abs(seconds) < 9e9 else { return seconds < 0 ? Int64.min : Int64.max }
        let base = Int64(seconds) * 1_000_000_000
        if let precise = startedAtUnixNs, precise >= base, precise - base < 1_000_000_000 { return precise }
        return base
    }

    /// Oldest first: by `startNs`, then by id, so the order never depends on how runs were listed.
    public static func startsBefore(_ a: RunRecord, _ b: RunRecord) -> Bool {
        let (startA, startB) = (a.startNs, b.startNs)
        return startA != startB ? startA < startB : a.id < b.id
    }
}

/// The base side of an A/B run: what the head was measured against, process for process, in
/// the same job.
public struct ABBase: Codable, Sendable, Equatable {
    /// How the base was named on the command line (a ref, a folder, an executable).
    public var label: String
    /// The base's commit, when it is known.
    public var commit: String?
    /// The base run's id. `benchboard ab` always gives the base run one, so a report can tell
    /// that a comparison's baseline is this base; the history holds that run only when it was
    /// kept too (`--keep-base`).
    public var runID: String?

    public init(label: String, commit: String? = nil, runID: String? = nil) {
        self.label = label
        self.commit = commit
        self.runID = runID
    }
}

public struct GitInfo: Codable, Sendable, Equatable {
    public var commit: String?
    public var branch: String?
    public var dirty: Bool?
    /// First line of the commit message, for hover titles and run lists.
    public var subject: String?

    public init(commit: String?, branch: String?, dirty: Bool?, subject: String? = nil) {
        self.commit = commit
        self.branch = branch
        self.dirty = dirty
        self.subject = subject
    }

    public var shortCommit: String? { commit.map { String($0.prefix(7)) } }
}

/// What the numbers were measured on. Two runs compare as a verdict only when their
/// fingerprints match; otherwise a comparison is a hint.
public struct MachineInfo: Codable, Sendable, Equatable {
    public var hostname: String
    public var os: String
    public var kernel: String
    public var cpuModel: String
    public var cores: Int
    public var memoryBytes: UInt64
    public var swiftVersion: String?

    public init(
        hostname: String, os: String, kernel: String, cpuModel: String, cores: Int, memoryBytes: UInt64,
        swiftVersion: String?
    ) {
        self.hostname = hostname
        self.os = os
        self.kernel = kernel
        self.cpuModel = cpuModel
        self.cores = cores
        self.memoryBytes = memoryBytes
        self.swiftVersion = swiftVersion
    }

    /// The parts that change what a benchmark measures (hostname does not).
    public var fingerprint: String {
        "\(cpuModel)|\(cores)|\(memoryBytes)|\(os)|\(kernel)|\(swiftVersion ?? "?")"
    }
}

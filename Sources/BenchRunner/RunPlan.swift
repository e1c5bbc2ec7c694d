import BenchConfig
import BenchModel
import Foundation

/// What a run will do, resolved from config, environment and command line before anything starts.
public struct RunPlan: Sendable {
    public var config: SuiteConfig
    public var benchmarks: [BenchmarkSpec]
    /// Whether swift benchmarks run in worker processes; commands always run as children.
    public var isolation: Bool
    /// Which setting decided `isolation` ("--no-isolation", "BENCHMARK_ISOLATION=false", …).
    public var isolationSource: String
    /// What `--filter`/`--shard` chose, recorded in the run; nil when the whole suite runs.
    public var selection: RunSelection?

    public init(
        config: SuiteConfig, benchmarks: [BenchmarkSpec], isolation: Bool, isolationSource: String,
        selection: RunSelection? = nil
    ) {
        self.config = config
        self.benchmarks = benchmarks
        self.isolation = isolation
        self.isolationSource = isolationSource
        self.selection = selection
    }

    /// Whether this benchmark runs in a child process.
    public func runsIsolated(_ spec: BenchmarkSpec) -> Bool {
        spec.kind == .command || isolation
    }
}

/// A shard `i/n` of a suite: benchmark k (0-based, file order) belongs to shard (k mod n) + 1,
/// so every shard gets a similar mix and `n` shards together run everything exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "2/4"; nil when malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { return nil }
        self.init(index: index, count: count)
    }

    public func contains(position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidFilter(NamePatternError)
    case nothingSelected(filter: String)

    public var description: String {
        switch self {
        case .invalidFilter(let problem):
            "--filter \(problem.description). The filter is a regular expression without backtracking features; "
                + "`benchboard run --help` lists what it supports."
        case .nothingSelected(let filter):
            "no benchmark name or group matches --filter '\(filter)'; `benchboard list` shows the names"
        }
    }
}

public enum Planner {
    /// Selects the benchmarks to run: those whose name or group matches `filter`, then the shard's share.
    /// `rounds` (`run --rounds`) replaces every benchmark's `rounds`; the caller checks its range.
    ///
    /// A filter that matches nothing is an error (most likely a typo). A shard left empty is not:
    /// a CI matrix may have more jobs than the suite has benchmarks, so the plan is then empty and
    /// the command decides what to do.
    public static func plan(
        config: SuiteConfig, isolation: Bool, isolationSource: String, filter: String?, shard: Shard?,
        rounds: Int? = nil
    ) throws(PlanError) -> RunPlan {
        var selected = config.benchmarks
        if let rounds {
            for index in selected.indices { selected[index].rounds = rounds }
        }
        if let filter {
            let pattern: NamePattern
            do {
                pattern = try NamePattern(filter)
            } catch {
                throw .invalidFilter(error)
            }
            selected = selected.filter { pattern.matches($0.name) || pattern.matches($0.group) }
            guard !selected.isEmpty else { throw .nothingSelected(filter: filter) }
        }
        if let shard {
            selected = selected.enumerated().filter { shard.contains(position: $0.offset) }.map(\.element)
        }
        var selection: RunSelection?
        if filter != nil || shard != nil {
            let chosen = Set(selected.map(\.name))
            selection = RunSelection(
                filter: filter, shard: shard?.description,
                notSelected: config.benchmarks.map(\.name).filter { !chosen.contains($0) })
        }
        return RunPlan(
            config: config, benchmarks: selected, isolation: isolation, isolationSource: isolationSource,
            selection: selection)
    }
}

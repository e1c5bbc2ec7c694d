import BenchConfig
import Foundation

/// What a run will do, resolved from config, environment and command line before anything starts.
public struct RunPlan: Sendable {
    public var config: SuiteConfig
    public var benchmarks: [BenchmarkSpec]
    /// Whether swift benchmarks run in worker processes; commands always run as children.
    public var isolation: Bool
    /// Which setting decided `isolation` ("--no-isolation", "BENCHMARK_ISOLATION=false", …).
    public var isolationSource: String

    public init(config: SuiteConfig, benchmarks: [BenchmarkSpec], isolation: Bool, isolationSource: String) {
        self.config = config
        self.benchmarks = benchmarks
        self.isolation = isolation
        self.isolationSource = isolationSource
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
    case invalidFilter(pattern: String, reason: String)
    case nothingSelected(filter: String?, shard: Shard?)

    public var description: String {
        switch self {
        case .invalidFilter(let pattern, let reason):
            "--filter '\(pattern)' is not a valid regular expression: \(reason)"
        case .nothingSelected(let filter, let shard):
            "no benchmark matches"
                + (filter.map { " --filter '\($0)'" } ?? "") + (shard.map { " in shard \($0)" } ?? "")
                + "; `benchboard list` shows the names"
        }
    }
}

public enum Planner {
    /// Selects the benchmarks to run: those whose name or group matches `filter`, then the shard's share.
    public static func plan(
        config: SuiteConfig, isolation: Bool, isolationSource: String, filter: String?, shard: Shard?
    ) throws(PlanError) -> RunPlan {
        var selected = config.benchmarks
        if let filter {
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: filter)
            } catch {
                throw .invalidFilter(pattern: filter, reason: error.localizedDescription)
            }
            selected = selected.filter { spec in
                [spec.name, spec.group].contains { text in
                    regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                }
            }
        }
        if let shard {
            selected = selected.enumerated().filter { shard.contains(position: $0.offset) }.map(\.element)
        }
        guard !selected.isEmpty else { throw .nothingSelected(filter: filter, shard: shard) }
        return RunPlan(config: config, benchmarks: selected, isolation: isolation, isolationSource: isolationSource)
    }
}

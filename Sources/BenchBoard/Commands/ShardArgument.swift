import BenchRunner

/// `--shard i/n` as `run` and `list` take it.
enum ShardArgument {
    static let help =
        "Only shard i of n (1-based), e.g. 2/4, to spread a suite over CI jobs: benchmark k (in config order, after --filter) goes to shard (k mod n) + 1. An empty shard is no error."

    static func parse(_ text: String?) throws(CLIError) -> Shard? {
        guard let text else { return nil }
        guard let shard = Shard(parsing: text) else {
            throw CLIError("--shard '\(text)' must look like i/n with 1 ≤ i ≤ n, e.g. 2/4")
        }
        return shard
    }

    /// What `run` and `list` print for a shard the suite leaves empty.
    static func emptyNote(_ shard: Shard, filtered: Bool) -> String {
        "note: shard \(shard) has no benchmarks: the suite\(filtered ? " (after --filter)" : "") has fewer benchmarks than \(shard.count) shards."
    }
}

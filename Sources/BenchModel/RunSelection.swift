/// Which part of the suite a run ran when `--filter` or `--shard` narrowed it. A benchmark the
/// selection left out was not run on purpose: a comparison must not call it removed.
public struct RunSelection: Codable, Sendable, Equatable {
    /// The `--filter` pattern as given.
    public var filter: String?
    /// The `--shard` as `i/n`.
    public var shard: String?
    /// The suite's benchmarks this run left out, in config order.
    public var notSelected: [String]

    public init(filter: String? = nil, shard: String? = nil, notSelected: [String]) {
        self.filter = filter
        self.shard = shard
        self.notSelected = notSelected
    }

    /// "--filter 'gzip' --shard 2/4".
    public var commandLine: String {
        [filter.map { "--filter '\($0)'" }, shard.map { "--shard \($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}

/// Why runs cannot become one, as sentences naming the runs and the values that differ.
public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooFew
    case sameRunTwice(String)
    /// A run the history reader would skip; `reason` says why.
    case unusable(String, reason: String)
    /// `field` differs; `values` pairs each run's label with its value, in the order given.
    case differs(field: String, values: [Labelled])
    case duplicate(benchmark: String, runs: [String])

    public struct Labelled: Sendable, Equatable {
        public var run: String
        public var value: String

        public init(run: String, value: String) {
            self.run = run
            self.value = value
        }
    }

    public var description: String {
        switch self {
        case .tooFew:
            "give at least one run to merge"
        case let .sameRunTwice(label):
            "\(label) is named twice"
        case let .unusable(label, reason):
            "\(label): \(reason)"
        case let .differs(field, values):
            "the runs differ in \(field), so they did not measure the same thing: "
                + values.map { "\($0.run) has \($0.value)" }.joined(separator: ", ")
                + "; merge only shards of one commit, machine and build configuration"
        case let .duplicate(benchmark, runs):
            "the benchmark \"\(benchmark)\" is in \(runs.joined(separator: " and ")); "
                + "pass --prefer newest to keep the one from the run that started last"
        }
    }
}

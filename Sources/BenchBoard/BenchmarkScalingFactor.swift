/// How many repetitions of the work one measured iteration holds (`benchmark.scaledIterations`).
/// Written `.kilo` as in package-benchmark, or as a plain number.
public struct BenchmarkScalingFactor: Sendable, Hashable, ExpressibleByIntegerLiteral {
    public let rawValue: Int

    /// Factors below 1 become 1: an iteration always does the work once.
    public init(rawValue: Int) {
        self.rawValue = max(1, rawValue)
    }

    public init(integerLiteral value: Int) {
        self.init(rawValue: value)
    }

    public static let one = BenchmarkScalingFactor(rawValue: 1)
    public static let kilo = BenchmarkScalingFactor(rawValue: 1_000)
    public static let mega = BenchmarkScalingFactor(rawValue: 1_000_000)
    public static let giga = BenchmarkScalingFactor(rawValue: 1_000_000_000)
}

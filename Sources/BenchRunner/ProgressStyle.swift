import BenchModel

/// How the runner's own lines look. The formats live in the report stage (BenchReport), which
/// the runner must not import; the command hands them in, so the runner writes no result line
/// and no ANSI colour of its own.
public struct ProgressStyle: Sendable {
    public enum Tone: Sendable {
        /// The "[3/12]" counter of the live line.
        case counter
        /// The "warning:" label.
        case warning
    }

    /// The line printed when a benchmark finishes.
    public var resultLine: @Sendable (BenchmarkResult) -> String
    public var paint: @Sendable (String, Tone) -> String

    public init(
        resultLine: @escaping @Sendable (BenchmarkResult) -> String, paint: @escaping @Sendable (String, Tone) -> String
    ) {
        self.resultLine = resultLine
        self.paint = paint
    }

    /// Name and outcome, no colour: for callers (tests, tools) that bring no formats.
    public static let plain = ProgressStyle(
        resultLine: { "\($0.name): \($0.outcome.rawValue)" }, paint: { text, _ in text })
}

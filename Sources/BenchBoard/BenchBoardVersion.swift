import BenchModel

/// The one place the tool's version is defined; `benchboard --version` prints `string`.
public enum BenchBoardVersion {
    public static let number = "0.1.0"

    /// "benchboard 0.1.0 (history schema benchboard.run/1)": the schema says which run files it reads and writes.
    public static var string: String { "benchboard \(number) (history schema \(HistorySchema.current))" }
}

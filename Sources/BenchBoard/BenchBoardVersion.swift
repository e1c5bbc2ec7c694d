import BenchModel

/// The tool's version as `benchboard --version` prints it. The number is not written here: it is
/// compiled in from the repository's VERSION file (Plugins/VersionEmbedderPlugin), the one place
/// it is kept, which the release workflow also checks the tag against.
public enum BenchBoardVersion {
    public static let number = EmbeddedVersion.number

    /// "benchboard 0.2.0 (history schema benchboard.run/2)": the schema says which run files it reads and writes.
    public static var string: String { "benchboard \(number) (history schema \(HistorySchema.current))" }
}

/// How a run came to be. Files written before this field existed have none: they were
/// measured by benchboard itself.
public enum RunKind: String, Codable, Sendable {
    /// Measured by `benchboard run`.
    case measured
    /// Read from another tool's results file by `benchboard import`.
    case imported
    /// The union of runs of one commit (shards, matrix jobs) made by `benchboard merge`.
    case merged
}

/// Where an imported or merged run's numbers came from, so a run file explains itself.
public struct RunSource: Codable, Sendable, Equatable {
    /// The tool whose output was imported: "hyperfine", "google-benchmark", "pytest-benchmark"
    /// or "package-benchmark". For a merged run, the shards' format when they all share one.
    public var format: String?
    /// The files read, as named on the command line.
    public var files: [String]
    /// For a merged run: the ids of the runs it was made from, in the order given.
    public var runIDs: [String]?
    /// What the tool recorded about its run that has no field of its own (google-benchmark's
    /// `mhz_per_cpu`, pytest-benchmark's `python_version`, …), by the tool's own key.
    public var context: [String: String]?

    public init(format: String?, files: [String], runIDs: [String]? = nil, context: [String: String]? = nil) {
        self.format = format
        self.files = files
        self.runIDs = runIDs
        self.context = context
    }
}

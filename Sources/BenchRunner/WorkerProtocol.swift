/// What another build's executable of the same product says about its worker, so `benchboard ab`
/// can tell before anything runs whether that build can be driven by this one:
///
/// `EXECUTABLE worker-protocol` prints `benchboard-worker-protocol VERSION BUILD` (BUILD is
/// "release" or "debug") and then the name of every Swift benchmark it registers, one a line.
///
/// `version` covers everything a runner and a worker of two builds must agree on: the `worker`
/// arguments (`WorkerInvocation`), the lines on the result channel (`WorkerStream`) and the fork
/// server's wire format (`ForkServer`). Raise it with any change one side of an older build could
/// not read. An executable built before this command existed answers with a usage error.
public enum WorkerProtocol {
    public static let command = "worker-protocol"
    public static let version = 1
    static let greeting = "benchboard-worker-protocol"

    /// What an executable answered.
    public struct Answer: Sendable, Equatable {
        public var version: Int
        public var buildConfiguration: String
        public var benchmarks: [String]

        public init(version: Int, buildConfiguration: String, benchmarks: [String]) {
            self.version = version
            self.buildConfiguration = buildConfiguration
            self.benchmarks = benchmarks
        }
    }

    /// The answer of this executable. Names holding a line break cannot be told apart in a list of
    /// lines and are left out (config.toml could not name them either).
    public static func describe(benchmarks: [String], buildConfiguration: String) -> String {
        ([greeting + " \(version) \(buildConfiguration)"] + benchmarks.filter { !$0.contains(where: \.isNewline) })
            .joined(separator: "\n") + "\n"
    }

    /// Reads an answer; nil when the output does not start with the greeting.
    public static func parse(_ output: String) -> Answer? {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first else { return nil }
        let words = first.split(separator: " ").map(String.init)
        guard words.count >= 2, words[0] == greeting, let version = Int(words[1]) else { return nil }
        lines.removeFirst()
        return Answer(
            version: version, buildConfiguration: words.count > 2 ? words[2] : "release",
            benchmarks: lines.filter { !$0.isEmpty })
    }
}

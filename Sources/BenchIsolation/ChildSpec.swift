#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One program to run as a benchmark child, and the limits it runs under.
public struct ChildSpec: Sendable, Equatable {
    /// The environment variable naming the result channel's descriptor; always 3.
    public static let resultFDVariable = "BENCHBOARD_RESULT_FD"
    /// The descriptor a child writes its self-timed samples to (JSON lines).
    public static let resultFD: Int32 = 3

    /// argv; argv[0] is looked up in `environment["PATH"]` when it has no "/".
    public var arguments: [String]
    /// The complete environment: nothing is inherited. The one addition is
    /// `BENCHBOARD_RESULT_FD=3`, which replaces any value the spec sets: the channel is always fd 3.
    public var environment: [String: String]
    /// Where the child starts; nil keeps benchboard's working directory.
    public var workingDirectory: String?
    /// Per child process; 0 or less means no limit.
    public var timeoutMs: Int
    /// How long the group gets between `killSignal` and SIGKILL.
    public var graceMs: Int
    /// Sent to the child's whole process group on timeout or interrupt.
    public var killSignal: Int32
    /// Memory, processes, CPU, open files and output for every child of the batch.
    public var limits: ChildLimits

    public init(
        arguments: [String], environment: [String: String], workingDirectory: String? = nil,
        timeoutMs: Int = 10_000, graceMs: Int = 1_000, killSignal: Int32 = SIGTERM, limits: ChildLimits = .none
    ) {
        self.limits = limits
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeoutMs = timeoutMs
        self.graceMs = graceMs
        self.killSignal = killSignal
    }

    /// What the child really gets: the spec's environment plus the result channel variable.
    public var effectiveEnvironment: [String: String] {
        var environment = self.environment
        environment[Self.resultFDVariable] = String(Self.resultFD)
        return environment
    }
}

/// Resource limits for every child of a batch; nil leaves one off. How each is enforced depends on
/// what the launcher found (see `LauncherCapabilities.mechanism(for:)` and the launcher's main.c).
public struct ChildLimits: Sendable, Equatable {
    public var memoryBytes: UInt64?
    public var processes: Int?
    public var cpuSeconds: Int?
    public var openFiles: Int?
    /// stdout + stderr bytes over the whole batch; enforced by benchboard's drain, not the launcher.
    public var outputBytes: Int?

    public init(memoryBytes: UInt64? = nil, processes: Int? = nil, cpuSeconds: Int? = nil, openFiles: Int? = nil, outputBytes: Int? = nil) {
        self.memoryBytes = memoryBytes
        self.processes = processes
        self.cpuSeconds = cpuSeconds
        self.openFiles = openFiles
        self.outputBytes = outputBytes
    }

    public static let none = ChildLimits()

    public var isEmpty: Bool { self == .none }
}

/// A limit a child or a batch ran into.
public enum LimitKind: String, Sendable, Equatable, CaseIterable {
    case memory, processes, cpu, openFiles, output
}

/// What the launcher runs in, from its greeting: which limits are cgroup limits, and the cgroup v2
/// folder that holds everything it starts.
public struct LauncherCapabilities: Sendable, Equatable {
    public var memoryCgroup: Bool
    public var pidsCgroup: Bool
    /// The launcher's cgroup v2 folder (its `cgroup.kill` ends every descendant at once), if any.
    public var killDirectory: String?

    public init(memoryCgroup: Bool = false, pidsCgroup: Bool = false, killDirectory: String? = nil) {
        self.memoryCgroup = memoryCgroup
        self.pidsCgroup = pidsCgroup
        self.killDirectory = killDirectory
    }

    /// How a limit is enforced under this launcher, in the words a run record keeps.
    public func mechanism(for kind: LimitKind) -> String {
        switch kind {
        case .memory: memoryCgroup ? "cgroup v1 memory.limit_in_bytes" : "RLIMIT_DATA"
        case .processes: pidsCgroup ? "cgroup v1 pids.max" : "RLIMIT_NPROC"
        case .cpu: "RLIMIT_CPU"
        case .openFiles: "RLIMIT_NOFILE"
        case .output: "output drain"
        }
    }
}

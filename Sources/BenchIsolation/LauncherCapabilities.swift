/// What the launcher runs in, from its greeting: which limits are cgroup limits, and the cgroup v2
/// folder that holds everything it starts.
public struct LauncherCapabilities: Sendable, Equatable {
    /// The limits this executor enforces at all: every kind under the launcher, only the output
    /// cap under `PosixSpawner`, which has nothing to set the others with.
    public var enforceable: Set<LimitKind>
    public var memoryCgroup: Bool
    public var pidsCgroup: Bool
    /// The launcher's cgroup v2 folder (its `cgroup.kill` ends every descendant at once), if any.
    public var killDirectory: String?

    public init(
        memoryCgroup: Bool = false, pidsCgroup: Bool = false, killDirectory: String? = nil,
        enforceable: Set<LimitKind> = Set(LimitKind.allCases)
    ) {
        self.enforceable = enforceable
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

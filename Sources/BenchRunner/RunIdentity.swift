import BenchModel

/// What a run record says about where and when it ran, found by the command (git and machine
/// probes, a fresh run id) and handed in: the runner knows only the stages before it.
public struct RunIdentity: Sendable {
    public var id: String
    public var git: GitInfo?
    public var machine: MachineInfo

    public init(id: String, git: GitInfo?, machine: MachineInfo) {
        self.id = id
        self.git = git
        self.machine = machine
    }
}

/// One limit a benchmark ran under, and how it was enforced, so a run file says which applied.
public struct AppliedLimit: Codable, Sendable, Equatable {
    public var resource: LimitedResource
    /// In the config key's unit: MB (MiB) for memory and output, a count for processes and open
    /// files, seconds for CPU.
    public var value: Double
    /// "cgroup v1 memory.limit_in_bytes", "cgroup v1 pids.max", "RLIMIT_DATA", "RLIMIT_NPROC",
    /// "RLIMIT_CPU", "RLIMIT_NOFILE", "output drain", or "not enforced (in-process)".
    public var mechanism: String

    public init(resource: LimitedResource, value: Double, mechanism: String) {
        self.resource = resource
        self.value = value
        self.mechanism = mechanism
    }
}

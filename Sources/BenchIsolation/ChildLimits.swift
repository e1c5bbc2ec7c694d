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

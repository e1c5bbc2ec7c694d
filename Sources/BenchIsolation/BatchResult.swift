/// Everything one `Launcher.run` collected: each child's ending and cost, and what they wrote.
public struct BatchResult: Sendable, Equatable {
    /// Output kept per stream: the last 64 KiB.
    public static let tailCapBytes = 64 * 1024
    /// Result-channel text kept per batch, lines included whole or not at all.
    public static let resultCapBytes = 64 * 1024 * 1024

    public var iterations: [IterationReport]
    /// The last <= 64 KiB the children wrote to stdout (lossy UTF-8).
    public var stdoutTail: String
    /// The last <= 64 KiB the children wrote to stderr (lossy UTF-8).
    public var stderrTail: String
    /// Totals, including what was dropped.
    public var stdoutBytes: Int
    public var stderrBytes: Int
    /// Complete lines the children wrote to fd 3, without their newline. A child's unterminated
    /// last line counts as a line once that child is over.
    public var resultLines: [String]
    /// Result-channel bytes dropped over the cap.
    public var droppedResultBytes: Int
    /// `Launcher.interrupt()` was called while (or before) it ran.
    public var interrupted: Bool
    /// Peak memory charged to the launcher's memory cgroup during the batch, above what it held
    /// when the batch began: every child's whole process tree (grandchildren included) and the
    /// page cache it caused. Nil where the machine offers no writable cgroup v1 memory controller.
    public var cgroupPeakBytes: UInt64?
    /// stdout + stderr went over `ChildLimits.outputBytes`, and the batch was stopped there.
    public var outputLimitHit: Bool

    public init(
        iterations: [IterationReport] = [], stdoutTail: String = "", stderrTail: String = "",
        stdoutBytes: Int = 0, stderrBytes: Int = 0, resultLines: [String] = [], droppedResultBytes: Int = 0,
        interrupted: Bool = false, cgroupPeakBytes: UInt64? = nil, outputLimitHit: Bool = false
    ) {
        self.outputLimitHit = outputLimitHit
        self.iterations = iterations
        self.stdoutTail = stdoutTail
        self.stderrTail = stderrTail
        self.stdoutBytes = stdoutBytes
        self.stderrBytes = stderrBytes
        self.resultLines = resultLines
        self.droppedResultBytes = droppedResultBytes
        self.interrupted = interrupted
        self.cgroupPeakBytes = cgroupPeakBytes
    }

    /// Every child that ran exited 0 and none failed to start.
    public var allSucceeded: Bool { iterations.allSatisfy(\.isSuccess) }

    /// The first limit hit in the batch: a child's (memory, processes, cpu) or the output cap.
    public var limitHit: LimitKind? {
        iterations.lazy.compactMap(\.limitHit).first ?? (outputLimitHit ? .output : nil)
    }
}

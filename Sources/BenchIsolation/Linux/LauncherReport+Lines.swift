#if os(Linux) && !BENCHBOARD_PORTABLE
/// Writing the launcher's report lines from Swift: the fork server of swift benchmarks speaks the
/// launcher's protocol, so one parser (`LauncherReport.init(line:)`) reads both. Kept next to the
/// parser's format, and checked against it by a round-trip test.
extension LauncherReport {
    /// The greeting of a server with no cgroup of its own: no memory or pids cgroup, no kill folder.
    static func helloLine(pid: Int32) -> String {
        "H \(protocolVersion) \(pid) 0 0 -"
    }

    /// "F <how> <value> <wall ns> <maxrss bytes> <user us> <system us> <nvcsw> <nivcsw> <minflt> <majflt> -":
    /// the trailing "-" says no limit was hit (the server's children run without limits of their own).
    /// A child that never started is an "X" line instead; `.spawnFailed` is never passed here.
    static func finishedLine(_ termination: Termination, _ usage: ChildUsage) -> String {
        let how: String
        let value: Int32
        switch termination {
        case .exited(let code): (how, value) = ("x", code)
        case .signaled(let signal): (how, value) = ("s", signal)
        case .timedOut(let signal): (how, value) = ("t", signal)
        case .spawnFailed(let code, _): (how, value) = ("x", code)
        }
        let fields: [UInt64] = [
            usage.wallNs, usage.maxRSSBytes, usage.userUs, usage.systemUs, usage.voluntaryContextSwitches,
            usage.involuntaryContextSwitches, usage.minorFaults, usage.majorFaults,
        ]
        return "F \(how) \(value) " + fields.map(String.init).joined(separator: " ") + " -"
    }
}
#endif

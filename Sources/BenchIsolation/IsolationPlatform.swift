#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place this module answers "can benchboard isolate here?", and so the one place the
/// platform condition is tested outside the files it keeps from other systems (`Linux/`).
///
/// On Linux, children start through `benchboard-launcher` (limits, cgroups, the ending of every
/// descendant) and swift benchmarks run in children of the fork server (`ForkServer`). Elsewhere,
/// and on Linux in a build with `-Xswiftc -DBENCHBOARD_PORTABLE` (how the portable path is tested
/// here), command benchmarks run through `PosixSpawner` and swift benchmarks in-process.
public enum IsolationPlatform {
    #if os(Linux) && !BENCHBOARD_PORTABLE
    /// Nil: everything isolation promises holds here.
    public static let limitation: String? = nil
    /// Nil: nothing is missing.
    public static let unavailable: String? = nil

    /// Makes benchboard the reaper of its orphaned descendants (see `Containment`).
    public static func adoptOrphans() {
        Containment.becomeSubreaper()
    }

    /// Kills and reaps the orphans reparented to benchboard, sparing `keeping`; only in a subreaper,
    /// so a test process running the suite in-process is left alone.
    public static func reapOrphans(keeping: Set<Int32>) {
        if Containment.isSubreaper { Containment.killOrphans(keeping: keeping) }
    }

    /// `benchboard worker-server FOLDER`: the fork server, until benchboard closes its request pipe.
    /// `body` runs a job's arguments in the forked child and returns its exit status; `prepare`
    /// runs in each child before its request arrives (see `ForkServer.Preparation`).
    public static func serveWorkers(
        folder: String, prepare: @escaping () -> Void = {}, body: @escaping ([String]) -> Int32
    ) -> Int32 {
        ForkServer.serve(folder: folder, prepare: prepare) { job in body(job.arguments) }
    }
    #else
    /// What runs differently here, said once per run: why, and which guarantees are missing.
    public static let limitation: String? = reason.prefix(1).uppercased() + reason.dropFirst()
        + ": command benchmarks run as plain child processes, without cgroups, without limits other "
        + "than max_output_mb, and a descendant that leaves the child's process group is not ended; "
        + "swift benchmarks run in-process (mode: fallback), where a crash or hang stops benchboard "
        + "itself and max RSS is not measured."

    /// Why, in a clause: what a refused benchmark's error names.
    public static let unavailable: String? = reason

    #if os(Linux)
    private static let reason = "this benchboard was built with BENCHBOARD_PORTABLE, without process isolation"
    #else
    private static let reason = "process isolation needs Linux"
    #endif

    /// Nothing to adopt: only Linux reparents orphans to a subreaper.
    public static func adoptOrphans() {}

    public static func reapOrphans(keeping: Set<Int32>) {}

    /// There is no fork server here: benchboard never starts one, so only a person typing the
    /// hidden command gets here.
    public static func serveWorkers(
        folder: String, prepare: @escaping () -> Void = {}, body: @escaping ([String]) -> Int32
    ) -> Int32 {
        let message = "benchboard worker-server: there is no fork server here: \(reason).\n"
        _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        return 2
    }
    #endif
}

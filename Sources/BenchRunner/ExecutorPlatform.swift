import BenchIsolation

/// The one place the runner picks its executors by platform (`IsolationPlatform` decides whether
/// this one isolates): the launcher and the fork server on Linux, `PosixSpawner` and in-process
/// swift benchmarks elsewhere and in a `BENCHBOARD_PORTABLE` build.
enum ExecutorPlatform {
    /// Nil where benchboard isolates; else the sentence said once per run (see
    /// `IsolationPlatform.limitation`).
    static var limitation: String? { IsolationPlatform.limitation }
    /// Why, in a clause, for the error of a benchmark whose limits nothing here would enforce.
    static var unavailable: String { IsolationPlatform.unavailable ?? "process isolation is not available" }
    /// The key of the once-per-run notice (`ProgressReporter.warning(once:)`).
    static let noticeKey = "platform"

    #if os(Linux) && !BENCHBOARD_PORTABLE
    static func launchers(environment: [String: String]) -> any BatchExecutorFactory {
        LauncherFactory(environment: environment)
    }

    static func workerServers(environment: [String: String]) -> (any WorkerServerFactory)? {
        ForkServerFactory(environment: environment)
    }
    #else
    static func launchers(environment: [String: String]) -> any BatchExecutorFactory {
        PosixSpawnerFactory()
    }

    /// None: swift benchmarks run in-process here (see `BenchmarkExecutor.run`).
    static func workerServers(environment: [String: String]) -> (any WorkerServerFactory)? {
        nil
    }
    #endif
}

#if os(Linux) && !BENCHBOARD_PORTABLE
import BenchIsolation

/// The real factory: a `benchboard-launcher` found from the environment (see `Launcher.locate`).
/// `BENCHBOARD_CGROUPS=0` keeps it out of cgroups (see the README's Isolation section).
public struct LauncherFactory: BatchExecutorFactory {
    private let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func start() throws(IsolationError) -> any BatchExecutor {
        let path = try Launcher.locate(environment: environment)
        return try Launcher(executablePath: path, useCgroups: environment["BENCHBOARD_CGROUPS"] != "0")
    }
}
#endif

#if os(Linux) && !BENCHBOARD_PORTABLE
/// Where `benchboard-launcher` is: set explicitly, next to the running binary, or on PATH.
enum LauncherLocator {
    static let executableName = "benchboard-launcher"

    static func locate(environment: [String: String]) throws(IsolationError) -> String {
        if let explicit = environment["BENCHBOARD_LAUNCHER"], !explicit.isEmpty {
            // An explicit choice that is wrong is an error, not a reason to pick another binary.
            guard CompanionExecutable.isExecutableFile(explicit) else { throw .launcherNotFound(searched: [explicit]) }
            return explicit
        }
        let found = CompanionExecutable.locate(executableName, environment: environment)
        guard let path = found.path else { throw .launcherNotFound(searched: found.searched) }
        return path
    }
}
#endif

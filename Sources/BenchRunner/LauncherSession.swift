import BenchIsolation

/// The launcher for one run: started on first use, restarted once if it dies, and given up on
/// with a clear reason when it cannot be started at all.
final class LauncherSession: @unchecked Sendable {
    private var launcher: Launcher?
    private(set) var problem: String?
    private let environment: [String: String]
    private var restarts = 0

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// The running launcher, or nil with `problem` saying why there is none.
    func current() -> Launcher? {
        if let launcher { return launcher }
        if problem != nil, restarts > 1 { return nil }
        do {
            let path = try Launcher.locate(environment: environment)
            let started = try Launcher(executablePath: path)
            launcher = started
            problem = nil
            return started
        } catch {
            problem = error.description
            restarts += 1
            return nil
        }
    }

    /// Called after the launcher failed mid-run: the next `current()` starts a new one.
    func discard(because reason: String) {
        launcher?.shutdown()
        launcher = nil
        problem = reason
        restarts += 1
    }

    func interrupt() {
        launcher?.interrupt()
    }

    func shutdown() {
        launcher?.shutdown()
        launcher = nil
    }
}

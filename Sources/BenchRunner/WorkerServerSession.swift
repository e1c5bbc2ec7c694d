import BenchIsolation
import Foundation

/// The fork server of one run (see `ForkServer`): started on first use through a launcher of
/// its own, restarted if it dies, and given up on with a clear reason when it cannot be started
/// (swift benchmarks then run in-process, mode "fallback").
final class WorkerServerSession: @unchecked Sendable {
    /// Guards every field: `interrupt()` comes from the signal monitor's thread.
    private let lock = NSLock()
    private var client: ForkServerClient?
    private var problem: String?
    private var failedStarts = 0
    private var interrupted = false
    private let environment: [String: String]

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// The running server, or the reason there is none. `server` is how to start it (its
    /// arguments without the pipe folder, which the client appends).
    func current(server: ChildSpec) -> Result<ForkServerClient, WorkerServerProblem> {
        lock.lock()
        defer { lock.unlock() }
        if let client { return .success(client) }
        if let problem, failedStarts > 1 { return .failure(WorkerServerProblem(description: problem)) }
        do {
            let launcher = try Launcher.locate(environment: environment)
            let temporary = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            let started = try ForkServerClient(launcherPath: launcher, server: server, temporaryDirectory: temporary)
            if interrupted { started.interrupt() }
            client = started
            problem = nil
            return .success(started)
        } catch {
            failedStarts += 1
            problem = error.description
            return .failure(WorkerServerProblem(description: error.description))
        }
    }

    /// Called after the server failed mid-run: the next `current` starts a new one.
    func discard(because reason: String) {
        lock.lock()
        let old = client
        client = nil
        problem = reason
        lock.unlock()
        old?.shutdown()
    }

    func interrupt() {
        lock.lock()
        interrupted = true
        let running = client
        lock.unlock()
        running?.interrupt()
    }

    func shutdown() {
        lock.lock()
        let old = client
        client = nil
        lock.unlock()
        old?.shutdown()
    }
}

/// Why no fork server runs, in words.
struct WorkerServerProblem: Error, CustomStringConvertible {
    var description: String
}

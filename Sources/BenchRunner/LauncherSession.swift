import BenchIsolation
import Synchronization

/// The executor (launcher) for one run: started on first use, restarted once if it dies, and given
/// up on with a clear reason when it cannot be started at all.
///
/// The runner's thread and the signal monitor's queue both reach it: every field lives in one
/// `Mutex`. An interrupt is remembered here too, so one that arrives while an executor is being
/// started (or between two) reaches the next executor at once instead of being lost.
final class LauncherSession: Sendable {
    private struct State {
        var executor: (any BatchExecutor)?
        var problem: String?
        var restarts = 0
        var interrupted = false
    }

    private let state = Mutex(State())
    private let factory: any BatchExecutorFactory

    init(factory: any BatchExecutorFactory) {
        self.factory = factory
    }

    /// Why there is no executor, after `current()` returned nil or `discard(because:)`.
    var problem: String? { state.withLock { $0.problem } }

    /// The running executor, or nil with `problem` saying why there is none. Starting one happens
    /// under the lock, so an interrupt waits for it and then reaches it.
    func current() -> (any BatchExecutor)? {
        state.withLock { state -> (any BatchExecutor)? in
            if let executor = state.executor { return executor }
            if state.problem != nil, state.restarts > 1 { return nil }
            do throws(IsolationError) {
                let started = try factory.start()
                if state.interrupted { started.interrupt() }
                state.executor = started
                state.problem = nil
                return started
            } catch {
                state.problem = error.description
                state.restarts += 1
                return nil
            }
        }
    }

    /// Called after the executor failed mid-run: the next `current()` starts a new one.
    /// `keeping`: the launchers of the run's other sessions, which are children of benchboard too.
    func discard(because reason: String, keeping: Set<Int32> = []) {
        let old = state.withLock { state -> (any BatchExecutor)? in
            let old = state.executor
            state.executor = nil
            state.problem = reason
            state.restarts += 1
            return old
        }
        old?.shutdown()
        Self.reapOrphans(keeping: keeping)
    }

    func interrupt() {
        let executor = state.withLock { state -> (any BatchExecutor)? in
            state.interrupted = true
            return state.executor
        }
        executor?.interrupt()
    }

    func shutdown(keeping: Set<Int32> = []) {
        let old = state.withLock { state -> (any BatchExecutor)? in
            let old = state.executor
            state.executor = nil
            return old
        }
        old?.shutdown()
        Self.reapOrphans(keeping: keeping)
    }

    /// Once the launcher is gone, any child benchboard still has is a descendant of a benchmark
    /// that was orphaned and reparented here (benchboard is a child subreaper): kill and reap it.
    /// Only in a subreaper, so a test process running the suite in-process is left alone.
    private static func reapOrphans(keeping: Set<Int32>) {
        IsolationPlatform.reapOrphans(keeping: keeping)
    }

    /// The running executor's own process (its launcher), for the other sessions to spare.
    var processIDs: Set<Int32> {
        state.withLock { state in state.executor?.launcherProcessID.map { [$0] } ?? [] }
    }
}

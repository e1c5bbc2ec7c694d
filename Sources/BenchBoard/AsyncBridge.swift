import Dispatch
import Synchronization

/// Runs async benchmark code from the synchronous iteration engine: the work runs as a task and
/// the calling thread (the worker's main thread, never one of the concurrency pool's) waits for it.
enum AsyncBridge {
    static func run<T: Sendable>(_ work: @escaping () async throws -> T) throws -> T {
        let box = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let job = WaitedForWork(work)
        Task.detached {
            let result: Result<T, any Error>
            do {
                result = .success(try await job.work())
            } catch {
                result = .failure(error)
            }
            box.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        // The task always sets the result before it signals.
        guard let result = box.withLock({ $0 }) else { throw BenchmarkError.asyncWorkVanished }
        return try result.get()
    }
}

/// The one hand-over the compiler cannot check. The work is the user's closure, which is not
/// `Sendable` and stays with its benchmark, so it cannot be sent either; it runs in the task
/// while the only other thread that could touch it, the caller, is blocked on the semaphore, and
/// the semaphore orders everything before `signal()` before everything after `wait()`.
/// ThreadSanitizer runs of PackageBenchmarkAPITests (async closures, async setup) report no race.
private struct WaitedForWork<T>: @unchecked Sendable {
    let work: () async throws -> T
    init(_ work: @escaping () async throws -> T) { self.work = work }
}

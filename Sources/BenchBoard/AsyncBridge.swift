import Dispatch

/// Runs async benchmark code from the synchronous iteration engine: the work runs as a task and
/// the calling thread (the worker's main thread, never one of the concurrency pool's) waits for it.
enum AsyncBridge {
    static func run<T>(_ work: @escaping () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let job = UncheckedSendable(work)
        Task.detached {
            do {
                box.result = .success(try await job.value())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        // The task always sets the result before it signals.
        guard let result = box.result else { throw BenchmarkError.asyncWorkVanished }
        return try result.get()
    }
}

/// Written by the task before it signals, read by the waiting thread after: the semaphore orders them.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

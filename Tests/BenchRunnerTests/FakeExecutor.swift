import BenchIsolation
import Foundation
import Synchronization

@testable import BenchRunner

/// A `BatchExecutor` without processes: each batch is answered by a script, and every call is
/// recorded for the test to look at.
final class FakeExecutor: BatchExecutor {
    typealias Script = @Sendable (_ spec: ChildSpec, _ iterations: Int, _ executor: FakeExecutor) -> BatchResult

    private struct State {
        var requests: [(spec: ChildSpec, iterations: Int)] = []
        var interrupts = 0
        var shutdowns = 0
    }

    let capabilities: LauncherCapabilities
    private let script: Script
    private let state = Mutex(State())
    private let interrupted = DispatchSemaphore(value: 0)

    init(capabilities: LauncherCapabilities = LauncherCapabilities(), script: @escaping Script) {
        self.capabilities = capabilities
        self.script = script
    }

    func runBatch(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)?
    ) throws(IsolationError) -> BatchResult {
        state.withLock { $0.requests.append((spec, iterations)) }
        let batch = script(spec, iterations, self)
        for (index, iteration) in batch.iterations.enumerated() { progress?(iteration, index + 1) }
        return batch
    }

    func interrupt() {
        state.withLock { $0.interrupts += 1 }
        interrupted.signal()
    }

    func shutdown() {
        state.withLock { $0.shutdowns += 1 }
    }

    /// Blocks like a running child until `interrupt()` is called; false after `seconds`.
    func waitForInterrupt(seconds: Double = 10) -> Bool {
        interrupted.wait(timeout: .now() + seconds) == .success
    }

    var requests: [(spec: ChildSpec, iterations: Int)] { state.withLock { $0.requests } }
    var interrupts: Int { state.withLock { $0.interrupts } }
    var shutdowns: Int { state.withLock { $0.shutdowns } }

    /// A batch of `count` children that all exited 0 after `wallNs`.
    static func success(_ count: Int, wallNs: UInt64 = 1_000_000) -> BatchResult {
        let usage = ChildUsage(
            wallNs: wallNs, maxRSSBytes: 1 << 20, userUs: 10, systemUs: 5, voluntaryContextSwitches: 1,
            involuntaryContextSwitches: 0, minorFaults: 1, majorFaults: 0)
        return BatchResult(iterations: Array(repeating: IterationReport(termination: .exited(0), usage: usage), count: count))
    }
}

/// Hands out executors from a list (the last one again when it runs out), or fails to start.
final class FakeFactory: BatchExecutorFactory {
    private let executors: Mutex<[FakeExecutor]>
    private let failure: IsolationError?
    private let startCount = Mutex(0)

    init(_ executors: [FakeExecutor]) {
        self.executors = Mutex(executors)
        self.failure = nil
    }

    init(failing failure: IsolationError) {
        self.executors = Mutex([])
        self.failure = failure
    }

    var starts: Int { startCount.withLock { $0 } }

    func start() throws(IsolationError) -> any BatchExecutor {
        startCount.withLock { $0 += 1 }
        if let failure { throw failure }
        return executors.withLock { list in list.count > 1 ? list.removeFirst() : list[0] }
    }
}

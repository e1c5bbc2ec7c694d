import BenchConfig
import BenchIsolation
import BenchModel
import BenchTerminal
import Foundation
import Synchronization
import XCTest

@testable import BenchRunner

/// The runner driven through its executor seam, without processes: fallback rules, interrupts
/// and limits.
final class RunnerSeamTests: XCTestCase {
    /// A Swift benchmark that counts how often it ran in this process.
    final class CountingBenchmark: SwiftBenchmark {
        let name: String
        private let calls = Mutex(0)
        init(name: String) { self.name = name }
        var count: Int { calls.withLock { $0 } }
        func setUp() throws {}
        func runIteration() throws -> UInt64? {
            calls.withLock { $0 += 1 }
            return 1_000
        }
        func tearDown() throws {}
    }

    private func spec(_ name: String, _ definition: BenchmarkDefinition, limits: ResourceLimits = ResourceLimits()) -> BenchmarkSpec {
        BenchmarkSpec(name: name, definition: definition, warmup: 0, iterations: 3, limits: limits)
    }

    private func run(
        _ specs: [BenchmarkSpec], factory: any BatchExecutorFactory, registry: [String: any SwiftBenchmark] = [:]
    ) -> SuiteRunResult {
        let report = ReportSettings(outputDirectory: "/nonexistent/out", historyDirectory: "/nonexistent/history")
        let config = SuiteConfig(sourcePath: "config.toml", baseDirectory: "/", report: report, benchmarks: specs)
        let plan = RunPlan(config: config, benchmarks: specs, isolation: true, isolationSource: "test")
        let machine = MachineInfo(hostname: "h", os: "linux", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: 1, swiftVersion: nil)
        return SuiteRunner(
            plan: plan, registry: registry, environment: [:], terminal: Terminal(isInteractive: false, useColor: false),
            buildConfiguration: "debug", identity: RunIdentity(id: "feedf00d", git: nil, machine: machine), quiet: true,
            executors: factory
        ).run()
    }

    func testWorkerThatCannotStartFallsBackInProcessButACrashDoesNot() {
        let benchmark = CountingBenchmark(name: "work")
        let cannotStart = FakeExecutor { _, _, _ in
            BatchResult(iterations: [IterationReport(termination: .spawnFailed(errno: ENOENT, message: "gone"), usage: nil)])
        }
        let fellBack = run([spec("w", .swift("work"))], factory: FakeFactory([cannotStart]), registry: ["work": benchmark])
        XCTAssertEqual(fellBack.record.benchmarks.map(\.mode), [.fallback])
        XCTAssertEqual(fellBack.record.benchmarks.map(\.outcome), [.ok])
        XCTAssertEqual(benchmark.count, 3)

        let crashing = FakeExecutor { _, _, _ in
            BatchResult(iterations: [IterationReport(termination: .signaled(SIGSEGV), usage: nil)])
        }
        let crashed = run([spec("w", .swift("work"))], factory: FakeFactory([crashing]), registry: ["work": benchmark])
        XCTAssertEqual(crashed.record.benchmarks.map(\.mode), [.isolated])
        XCTAssertEqual(crashed.record.benchmarks.map(\.outcome), [.crashed])
        XCTAssertEqual(benchmark.count, 3, "a crash is never re-run in-process")
    }

    /// A swift benchmark with limits gets an exec'd worker from the launcher, which enforces them;
    /// one without goes to the fork server, whose session starts an executor of its own.
    func testLimitedSwiftBenchmarkRunsInAnExecdWorkerTheOthersInTheForkServer() {
        let crash: FakeExecutor.Script = { _, _, _ in
            BatchResult(iterations: [IterationReport(termination: .signaled(SIGSEGV), usage: nil)])
        }
        let server = FakeExecutor(script: crash)
        let launcher = FakeExecutor(script: crash)
        let benchmark = CountingBenchmark(name: "work")
        let result = run(
            [spec("plain", .swift("work")), spec("limited", .swift("work"), limits: ResourceLimits([.memory: 64]))],
            factory: FakeFactory([server, launcher]), registry: ["work": benchmark])
        XCTAssertEqual(result.record.benchmarks.map(\.outcome), [.crashed, .crashed])
        XCTAssertEqual(server.requests.map { $0.spec.arguments.first }, ["worker"], "a forked child's job names the body to run")
        XCTAssertEqual(server.requests.map(\.spec.limits), [ChildLimits.none])
        XCTAssertEqual(launcher.requests.map { $0.spec.arguments.dropFirst().first }, ["worker"], "an exec'd worker: executable first")
        XCTAssertEqual(launcher.requests.map(\.spec.limits.memoryBytes), [64 << 20])
        XCTAssertNotNil(result.record.benchmarks[1].limits)
        XCTAssertEqual(benchmark.count, 0)
    }

    /// A benchmark with limits never runs without them: whatever keeps its exec'd worker from
    /// running (a launcher that dies mid-batch, one that cannot start, a worker that cannot be
    /// spawned) ends it `error` with the reason, and it never runs in-process.
    func testLimitedSwiftBenchmarkNeverFallsBackInProcess() {
        let limited = ResourceLimits([.memory: 64])
        let dies = ThrowingOnceFactory(then: FakeFactory([FakeExecutor { _, count, _ in FakeExecutor.success(count) }]))
        let cannotSpawn = FakeFactory([FakeExecutor { _, _, _ in
            BatchResult(iterations: [IterationReport(termination: .spawnFailed(errno: ENOENT, message: "gone"), usage: nil)])
        }])
        let noLauncher = FakeFactory(failing: .launcherNotFound(searched: ["/x/benchboard-launcher"]))
        let cases: [(any BatchExecutorFactory, String)] = [
            (dies, "exited unexpectedly"), (cannotSpawn, "gone"), (noLauncher, "/x/benchboard-launcher"),
        ]
        for (factory, reason) in cases {
            let benchmark = CountingBenchmark(name: "work")
            let result = run([spec("limited", .swift("work"), limits: limited)], factory: factory, registry: ["work": benchmark])
            XCTAssertEqual(result.record.benchmarks.map(\.outcome), [.error], reason)
            XCTAssertEqual(result.record.benchmarks.map(\.mode), [.isolated], reason)
            let error = result.record.benchmarks.first?.error ?? ""
            XCTAssertTrue(error.contains(reason), error)
            XCTAssertTrue(error.contains("max_memory_mb"), "the reason names the limit it will not run without: \(error)")
            if reason != "/x/benchboard-launcher" {
                XCTAssertNotNil(result.record.benchmarks.first?.limits, "the limits the launcher was to enforce")
            }
            XCTAssertEqual(benchmark.count, 0, "a limited benchmark ran in-process: \(reason)")
        }
    }

    func testNoExecutorAtAllFallsBackForSwiftAndFailsCommands() {
        let benchmark = CountingBenchmark(name: "work")
        let factory = FakeFactory(failing: .launcherNotFound(searched: ["/x/benchboard-launcher"]))
        let result = run(
            [spec("w", .swift("work")), spec("c", .command(["true"]))], factory: factory, registry: ["work": benchmark])
        XCTAssertEqual(result.record.benchmarks.map(\.outcome), [.ok, .error])
        XCTAssertEqual(result.record.benchmarks.map(\.mode), [.fallback, .isolated])
        XCTAssertTrue(result.record.benchmarks[1].error?.contains("could not be started") ?? false)
    }

    func testLimitHitIsItsOwnOutcomeAndTheNextBenchmarkRuns() throws {
        for cgroups in [true, false] {
            let executor = FakeExecutor(capabilities: LauncherCapabilities(memoryCgroup: cgroups, pidsCgroup: cgroups)) { spec, count, _ in
                if spec.arguments == ["hog"] {
                    return BatchResult(iterations: [IterationReport(termination: .signaled(SIGKILL), usage: nil, limitHit: .memory)])
                }
                return FakeExecutor.success(count)
            }
            let result = run(
                [spec("hog", .command(["hog"]), limits: ResourceLimits([.memory: 64, .processes: 8])), spec("next", .command(["next"]))],
                factory: FakeFactory([executor]))
            let hog = result.record.benchmarks[0]
            XCTAssertEqual(hog.outcome, .limit)
            XCTAssertEqual(hog.limitHit, .memory)
            XCTAssertEqual(
                hog.limits?.map(\.mechanism),
                cgroups ? ["cgroup v1 memory.limit_in_bytes", "cgroup v1 pids.max"] : ["RLIMIT_DATA", "RLIMIT_NPROC"])
            XCTAssertEqual(hog.error, "went over its max_memory_mb limit of 64 MB (\(hog.limits?[0].mechanism ?? ""))")
            XCTAssertEqual(result.record.benchmarks[1].outcome, .ok)
            XCTAssertNil(result.record.benchmarks[1].limits)
            let sent = try XCTUnwrap(executor.requests.first?.spec.limits)
            XCTAssertEqual(sent, ChildLimits(memoryBytes: 64 << 20, processes: 8))
        }
    }

    func testOutputCapIsALimitNotAnInterrupt() {
        let executor = FakeExecutor { _, _, _ in
            var batch = FakeExecutor.success(1)
            batch.outputLimitHit = true
            return batch
        }
        let result = run([spec("flood", .command(["flood"]), limits: ResourceLimits([.output: 1]))], factory: FakeFactory([executor]))
        XCTAssertFalse(result.record.interrupted)
        XCTAssertEqual(result.record.benchmarks.map(\.outcome), [.limit])
        XCTAssertEqual(result.record.benchmarks.first?.limitHit, .output)
    }

    /// max_output_mb is a budget for the whole benchmark: warm-up output counts against the
    /// measured iterations' share.
    func testOutputBudgetCarriesOverFromWarmupToMeasuring() {
        let executor = FakeExecutor { _, count, _ in
            var batch = FakeExecutor.success(count)
            batch.stdoutBytes = 300_000
            batch.stderrBytes = 100_000
            return batch
        }
        var limited = spec("chatty", .command(["chatty"]), limits: ResourceLimits([.output: 1]))
        limited.warmup = 2
        let result = run([limited], factory: FakeFactory([executor]))
        XCTAssertEqual(result.record.benchmarks.map(\.outcome), [.ok])
        XCTAssertEqual(executor.requests.map(\.spec.limits.outputBytes), [1_048_576, 648_576])
    }

    /// A real SIGTERM while a batch runs: the session interrupts the executor, the finished
    /// benchmark is kept, the one cut short is not, and the record says interrupted.
    func testSignalDuringABatchInterruptsTheExecutorAndKeepsFinishedResults() {
        let executor = FakeExecutor { spec, count, executor in
            if spec.arguments == ["slow"] {
                kill(getpid(), SIGTERM)
                let reached = executor.waitForInterrupt()
                return BatchResult(interrupted: reached)
            }
            return FakeExecutor.success(count)
        }
        let result = run(
            [spec("fast", .command(["fast"])), spec("slow", .command(["slow"])), spec("never", .command(["never"]))],
            factory: FakeFactory([executor]))
        XCTAssertEqual(result.interruptedBy, SIGTERM)
        XCTAssertTrue(result.record.interrupted)
        XCTAssertEqual(result.record.benchmarks.map(\.name), ["fast"])
        XCTAssertEqual(executor.interrupts, 1)
        XCTAssertEqual(executor.requests.map(\.spec.arguments), [["fast"], ["slow"]])
        XCTAssertEqual(executor.shutdowns, 1)
    }

    /// An interrupt that arrives while no executor exists (before the first, or between a dead one
    /// and its replacement) must reach the next one as soon as it starts.
    func testInterruptBeforeTheExecutorStartsIsNotLost() {
        let executor = FakeExecutor { _, count, _ in FakeExecutor.success(count) }
        let session = LauncherSession(factory: FakeFactory([executor]))
        session.interrupt()
        XCTAssertNotNil(session.current())
        XCTAssertEqual(executor.interrupts, 1)
    }

    /// A launcher that died mid-run is replaced for the next benchmark, once.
    func testDeadExecutorIsReplacedForTheNextBenchmark() {
        let healthy = FakeExecutor { _, count, _ in FakeExecutor.success(count) }
        let factory = FakeFactory([healthy])
        let result = run([spec("a", .command(["a"])), spec("b", .command(["b"]))], factory: ThrowingOnceFactory(then: factory))
        XCTAssertEqual(result.record.benchmarks.map(\.outcome), [.error, .ok])
        XCTAssertTrue(result.record.benchmarks[0].error?.contains("exited unexpectedly") ?? false)
    }
}

/// An executor whose every batch fails the way a launcher that died does.
final class FakeExecutorThrowing: BatchExecutor {
    let inner: FakeExecutor
    init(inner: FakeExecutor) { self.inner = inner }
    var capabilities: LauncherCapabilities { inner.capabilities }
    func runBatch(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)?
    ) throws(IsolationError) -> BatchResult {
        throw .launcherFailed("it exited unexpectedly (killed by SIGKILL)")
    }
    func interrupt() {}
    func shutdown() {}
}

/// Starts a throwing executor first, then defers to `then`.
final class ThrowingOnceFactory: BatchExecutorFactory {
    private let then: FakeFactory
    private let started = Mutex(false)
    init(then: FakeFactory) { self.then = then }
    func start() throws(IsolationError) -> any BatchExecutor {
        let first = started.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        if first { return FakeExecutorThrowing(inner: FakeExecutor { _, _, _ in BatchResult() }) }
        return try then.start()
    }
}

import BenchConfig
import BenchIsolation
import BenchModel
import BenchTerminal
import Foundation
import Synchronization
import XCTest

@testable import BenchRunner

/// A suite run with another build's worker executable and working folder (`benchboard ab`'s base
/// side), through the executor seam.
final class OtherBuildWorkerTests: XCTestCase {
    private func run(_ specs: [BenchmarkSpec], factory: any BatchExecutorFactory, registry: [String: any SwiftBenchmark])
        -> SuiteRunResult
    {
        let report = ReportSettings(outputDirectory: "/nonexistent/out", historyDirectory: "/nonexistent/history")
        let config = SuiteConfig(sourcePath: "config.toml", baseDirectory: "/head/tree", report: report, benchmarks: specs)
        let plan = RunPlan(config: config, benchmarks: specs, isolation: true, isolationSource: "test")
        let machine = MachineInfo(hostname: "h", os: "linux", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: 1, swiftVersion: nil)
        return SuiteRunner(
            plan: plan, registry: registry, environment: [:], terminal: Terminal(isInteractive: false, useColor: false),
            buildConfiguration: "debug", identity: RunIdentity(id: "feedf00d", git: nil, machine: machine), quiet: true,
            executors: factory, workerExecutable: "/base/.build/release/benchboard", workingDirectory: "/base/tree"
        ).run()
    }

    func testWorkersComeFromTheOtherExecutableAndChildrenStartInTheOtherTree() throws {
        let benchmark = RunnerSeamTests.CountingBenchmark(name: "work")
        let seen = Mutex<[ChildSpec]>([])
        let executor = FakeExecutor { spec, _, _ in
            seen.withLock { $0.append(spec) }
            return BatchResult(iterations: [IterationReport(termination: .exited(0), usage: nil)])
        }
        // A limited benchmark gets an exec'd worker, whose command line names the executable.
        var limits = ResourceLimits()
        limits[.openFiles] = 64
        let specs = [
            BenchmarkSpec(name: "w", definition: .swift("work"), warmup: 0, iterations: 3, limits: limits),
            BenchmarkSpec(name: "c", definition: .command(["./prog"]), warmup: 0, iterations: 1),
        ]
        _ = run(specs, factory: FakeFactory([executor]), registry: ["work": benchmark])
        let specsSeen = seen.withLock { $0 }
        XCTAssertEqual(specsSeen.first?.arguments.first, "/base/.build/release/benchboard")
        XCTAssertEqual(specsSeen.map(\.workingDirectory), ["/base/tree", "/base/tree"])
        XCTAssertEqual(benchmark.count, 0)
    }

    func testAWorkerOfAnotherExecutableNeverFallsBackInProcess() throws {
        let benchmark = RunnerSeamTests.CountingBenchmark(name: "work")
        let cannotStart = FakeExecutor { _, _, _ in
            BatchResult(iterations: [IterationReport(termination: .spawnFailed(errno: ENOENT, message: "gone"), usage: nil)])
        }
        let result = run(
            [BenchmarkSpec(name: "w", definition: .swift("work"), warmup: 0, iterations: 3)], factory: FakeFactory([cannotStart]),
            registry: ["work": benchmark])
        let only = try XCTUnwrap(result.record.benchmarks.first)
        XCTAssertEqual(only.mode, .isolated)
        XCTAssertEqual(only.outcome, .error)
        XCTAssertTrue(only.error?.contains("Its worker is another executable, so it does not run in-process instead.") == true, only.error ?? "")
        XCTAssertEqual(benchmark.count, 0, "this process's closure is not the other build's")
    }
}

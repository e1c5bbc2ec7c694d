import BenchConfig
import BenchIsolation
import BenchModel
import BenchTerminal
import Foundation
import Synchronization
import XCTest

@testable import BenchRunner

/// Rounds across the suite, driven through the executor seam: round 1 runs every benchmark once,
/// then round 2, …; a Swift benchmark's rounds are worker processes, a command's are shares of
/// its iterations; a failed round ends its benchmark and keeps every sample.
final class RoundRobinTests: XCTestCase {
    /// What the fake saw, one entry per batch: a worker as "swift NAME warmup/iterations", a
    /// command as "ARGV0 ×count".
    private static func label(_ spec: ChildSpec, _ count: Int) -> String {
        if spec.arguments.first == WorkerInvocation.command,
            let invocation = try? WorkerInvocation(parsing: Array(spec.arguments.dropFirst()))
        {
            return "swift \(invocation.name) \(invocation.warmup)/\(invocation.iterations)"
        }
        return "\(spec.arguments.first ?? "?") ×\(count)"
    }

    /// A worker that measured `samples` samples of 1 µs each and exited 0 (or crashed after them).
    private static func worker(_ spec: ChildSpec, crash: Bool = false) -> BatchResult {
        let invocation = try? WorkerInvocation(parsing: Array(spec.arguments.dropFirst()))
        let samples = [Int64](repeating: 1_000, count: crash ? 1 : invocation?.iterations ?? 0)
        var lines = [WorkerStream.samplesLine(samples[...])]
        if !crash {
            lines.append(WorkerStream.summaryLine(WorkerReport(
                samplesNs: samples, benchmarkNs: 1_000, peakMemoryGrowthBytes: 4096,
                peakMemoryGrowthWithWarmupBytes: UInt64(8192 * samples.count))))
        }
        let usage = ChildUsage(wallNs: 2_000_000, maxRSSBytes: UInt64(samples.count) << 20, userUs: 100, systemUs: 10)
        return BatchResult(
            iterations: [IterationReport(termination: crash ? .signaled(SIGSEGV) : .exited(0), usage: usage)],
            resultLines: lines.map { String($0.dropLast()) })
    }

    private func run(
        _ specs: [BenchmarkSpec], executor: FakeExecutor, registry: [String: any SwiftBenchmark],
        journal: (any RunJournaling)? = nil
    ) -> SuiteRunResult {
        let report = ReportSettings(outputDirectory: "/nonexistent/out", historyDirectory: "/nonexistent/history")
        let config = SuiteConfig(sourcePath: "config.toml", baseDirectory: "/", report: report, benchmarks: specs)
        let plan = RunPlan(config: config, benchmarks: specs, isolation: true, isolationSource: "test")
        let machine = MachineInfo(hostname: "h", os: "linux", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: 1, swiftVersion: nil)
        return SuiteRunner(
            plan: plan, registry: registry, environment: [:], terminal: Terminal(isInteractive: false, useColor: false),
            buildConfiguration: "debug", identity: RunIdentity(id: "feedf00d", git: nil, machine: machine), quiet: true,
            executors: FakeFactory([executor]), journal: journal
        ).run()
    }

    private let registry: [String: any SwiftBenchmark] = [
        "alpha": RunnerSeamTests.CountingBenchmark(name: "alpha"),
        "gamma": RunnerSeamTests.CountingBenchmark(name: "gamma"),
    ]

    func testRoundsRunAcrossTheSuiteAndABenchmarkWithFewerSitsOutTheLaterOnes() throws {
        let executor = FakeExecutor { spec, count, _ in
            spec.arguments.first == WorkerInvocation.command ? Self.worker(spec) : FakeExecutor.success(count)
        }
        let specs = [
            BenchmarkSpec(name: "A", definition: .swift("alpha"), warmup: 2, iterations: 7, rounds: 3),
            BenchmarkSpec(name: "B", definition: .command(["bee"]), warmup: 1, iterations: 5, rounds: 2),
            BenchmarkSpec(name: "C", definition: .swift("gamma"), warmup: 1, iterations: 4, rounds: 1),
            BenchmarkSpec(name: "D", definition: .command(["dee"]), warmup: 0, iterations: 9, rounds: 3),
        ]
        let result = run(specs, executor: executor, registry: registry)

        XCTAssertEqual(executor.requests.map { Self.label($0.spec, $0.iterations) }, [
            // Round 1: every benchmark; a command warms up once, before its first round.
            "swift alpha 2/3", "bee ×1", "bee ×3", "swift gamma 1/4", "dee ×3",
            // Round 2: C has one round only.
            "swift alpha 2/2", "bee ×2", "dee ×3",
            // Round 3: B had two.
            "swift alpha 2/2", "dee ×3",
        ])
        let benchmarks = result.record.benchmarks
        XCTAssertEqual(benchmarks.map(\.name), ["A", "B", "C", "D"], "the record keeps the plan's order")
        XCTAssertEqual(benchmarks.map(\.outcome), [.ok, .ok, .ok, .ok])
        XCTAssertEqual(benchmarks.map(\.samplesNs.count), [7, 5, 4, 9])
        XCTAssertEqual(benchmarks.map { $0.processes?.map(\.round) }, [[1, 2, 3], [1, 2], [1], [1, 2, 3]])
        XCTAssertEqual(benchmarks.map { $0.processes?.map(\.samples) }, [[3, 2, 2], [3, 2], [4], [3, 3, 3]])
        XCTAssertEqual(benchmarks.map { $0.config?.rounds }, [3, 2, 1, 3])
        XCTAssertEqual(benchmarks.map { $0.config?.iterations }, [7, 5, 4, 9], "the settings as configured, not a round's share")
        XCTAssertEqual(benchmarks.map(\.warmup), [2, 1, 1, 0])

        let alpha = benchmarks[0]
        let processes = try XCTUnwrap(alpha.processes)
        XCTAssertEqual(processes.map(\.iterations), [5, 4, 4], "warm-up is per process")
        XCTAssertEqual(processes.map(\.maxRSSBytes), [3 << 20, 2 << 20, 2 << 20])
        XCTAssertEqual(processes.map(\.memoryGrowthBytes), [3 * 8192, 2 * 8192, 2 * 8192])
        XCTAssertEqual(processes.map(\.cpuUserUs), [100, 100, 100])
        XCTAssertEqual(processes.map(\.outcome), [.ok, .ok, .ok])
        XCTAssertTrue(processes.allSatisfy { $0.wallMs >= 0 && $0.spawns == nil })
        // What readers that know nothing of processes see: the largest peak, the summed costs.
        XCTAssertEqual(alpha.resources.maxRSSBytes, 3 << 20)
        XCTAssertEqual(alpha.resources.peakMemoryGrowthWithWarmupBytes, 3 * 8192)
        XCTAssertEqual(alpha.resources.cpuUserUs, 300)
        XCTAssertEqual(alpha.resources.cpuSystemUs, 30)
        XCTAssertEqual(alpha.resources.totalMs, processes.reduce(0) { $0 + $1.wallMs }, accuracy: 1e-9)
        XCTAssertEqual(alpha.stats?.count, 7)

        let bee = try XCTUnwrap(benchmarks[1].processes)
        XCTAssertEqual(bee.map(\.spawns), [4, 2], "the first round's spawns include the warm-up")
        XCTAssertEqual(bee.map(\.cpuUserUs), [40, 20])
        XCTAssertEqual(benchmarks[1].resources.cpuUserUs, 60)
    }

    func testACrashInALaterRoundKeepsEverySampleAndEndsTheBenchmark() throws {
        let alphaWorkers = Mutex(0)
        let executor = FakeExecutor { spec, count, _ in
            guard spec.arguments.first == WorkerInvocation.command else { return FakeExecutor.success(count) }
            let index = alphaWorkers.withLock { value -> Int in
                value += 1
                return value
            }
            return Self.worker(spec, crash: index == 2)
        }
        let specs = [
            BenchmarkSpec(name: "A", definition: .swift("alpha"), warmup: 0, iterations: 6, rounds: 3),
            BenchmarkSpec(name: "B", definition: .command(["bee"]), warmup: 0, iterations: 3, rounds: 3),
        ]
        let result = run(specs, executor: executor, registry: registry)
        XCTAssertEqual(executor.requests.map { Self.label($0.spec, $0.iterations) }, [
            "swift alpha 0/2", "bee ×1", "swift alpha 0/2", "bee ×1", "bee ×1",
        ], "A sits out round 3 after its crash; B goes on")
        let alpha = result.record.benchmarks[0]
        XCTAssertEqual(alpha.outcome, .crashed)
        XCTAssertEqual(alpha.signal, "SIGSEGV")
        XCTAssertEqual(alpha.samplesNs.count, 3, "two of round 1 and the one before the crash")
        XCTAssertEqual(alpha.processes?.map(\.outcome), [.ok, .crashed])
        XCTAssertEqual(alpha.processes?.map(\.signal), [nil, "SIGSEGV"])
        XCTAssertEqual(alpha.processes?.map(\.samples), [2, 1])
        XCTAssertEqual(result.record.benchmarks[1].outcome, .ok)
        XCTAssertEqual(result.record.benchmarks[1].processes?.count, 3)
    }

    /// The journal gets each benchmark's result so far after every round, so a kill in round k
    /// keeps the rounds before it; the last entry per benchmark holds all of them.
    func testTheJournalGetsEachBenchmarkAfterEveryRound() {
        final class Journal: RunJournaling {
            let entries = Mutex<[String]>([])
            func started(_ run: RunRecord) {}
            func finished(_ result: BenchmarkResult) {
                entries.withLock { $0.append("\(result.name):\(result.processes?.count ?? 0)/\(result.samplesNs.count)") }
            }
        }
        let journal = Journal()
        let executor = FakeExecutor { _, count, _ in FakeExecutor.success(count) }
        let specs = [
            BenchmarkSpec(name: "one", definition: .command(["one"]), warmup: 0, iterations: 4, rounds: 2),
            BenchmarkSpec(name: "two", definition: .command(["two"]), warmup: 0, iterations: 3, rounds: 3),
        ]
        _ = run(specs, executor: executor, registry: [:], journal: journal)
        XCTAssertEqual(journal.entries.withLock { $0 }, ["one:1/2", "two:1/1", "one:2/4", "two:2/2", "two:3/3"])
    }

    /// An interrupt in round 2 keeps round 1 of every benchmark and the finished round 2 ones.
    func testAnInterruptKeepsTheFinishedRounds() {
        let executor = FakeExecutor { spec, count, executor in
            if spec.arguments == ["two"], executor.requests.count > 2 {
                kill(getpid(), SIGTERM)
                return BatchResult(interrupted: executor.waitForInterrupt())
            }
            return FakeExecutor.success(count)
        }
        let specs = [
            BenchmarkSpec(name: "one", definition: .command(["one"]), warmup: 0, iterations: 4, rounds: 2),
            BenchmarkSpec(name: "two", definition: .command(["two"]), warmup: 0, iterations: 4, rounds: 2),
        ]
        let result = run(specs, executor: executor, registry: [:])
        XCTAssertEqual(result.interruptedBy, SIGTERM)
        XCTAssertEqual(result.record.benchmarks.map(\.name), ["one", "two"])
        XCTAssertEqual(result.record.benchmarks.map { $0.processes?.count }, [2, 1])
        XCTAssertEqual(result.record.benchmarks.map(\.samplesNs.count), [4, 2])
    }
}

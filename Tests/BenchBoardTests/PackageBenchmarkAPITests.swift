import BenchBoard
import BenchRunner
import Foundation
import PlatformSupport
import XCTest

/// The shapes package-benchmark users write: setup handing state to the closure, async closures,
/// scaling factors, limits, and the registration closure.
final class PackageBenchmarkAPITests: XCTestCase {
    /// The package-benchmark-shaped benchmarks of the benchboard executable, each in its own
    /// isolated worker: each checks what it was handed and throws when it is wrong.
    func testPackageBenchmarkShapesRunIsolated() throws {
        try skipWithoutIsolation()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        var config = "[defaults]\nwarmup = 1\niterations = 5\n"
        for name in ["pb-setup-state", "pb-scaling-kilo", "pb-async-sleep", "pb-async-state"] {
            config += "[[benchmark]]\nname = \(tomlString(name))\nswift = \(tomlString(name))\n"
        }
        try cli.write("config.toml", config)
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let benchmarks = try XCTUnwrap(cli.historyRuns().last).benchmarks()
        XCTAssertEqual(benchmarks.count, 4)
        for benchmark in benchmarks {
            XCTAssertEqual(benchmark["mode"] as? String, "isolated")
            XCTAssertEqual(benchmark["outcome"] as? String, "ok", "\(benchmark["name"] ?? ""): \(benchmark["error"] ?? "")")
        }
        let sleep = try XCTUnwrap(benchmarks.first { $0["name"] as? String == "pb-async-sleep" }?["samplesNs"] as? [Int])
        XCTAssertEqual(sleep.count, 5)
        XCTAssertGreaterThanOrEqual(sleep.min() ?? 0, 2_000_000, "an async closure's sample covers its await")
    }

    /// Setup runs once and hands its result to every iteration; teardown runs once after them.
    func testSetupHandsItsStateToEveryIteration() throws {
        let counter = Counter()
        let benchmark = Benchmark("state") { _, state in
            counter.seen.append(state)
        } setup: {
            counter.setups += 1
            return counter.setups * 10
        } teardown: {
            counter.teardowns += 1
        }
        let report = try IterationEngine.measure(benchmark, settings: IterationSettings(warmup: 2, iterations: 3, minTimeNs: nil))
        XCTAssertEqual(report.samplesNs.count, 3)
        XCTAssertEqual(counter.setups, 1)
        XCTAssertEqual(counter.teardowns, 1)
        // Two warm-up calls and three samples at least; a call this short is timed in batches.
        XCTAssertGreaterThanOrEqual(counter.seen.count, 5)
        XCTAssertEqual(Set(counter.seen), [10])
    }

    /// An async closure's start/stopMeasurement bound the sample, as in a synchronous one.
    func testAsyncClosureMeasuresBetweenStartAndStop() throws {
        let benchmark = Benchmark("async") { benchmark in
            try await Task.sleep(nanoseconds: 30_000_000)
            benchmark.startMeasurement()
            blackHole(Array(0..<100).reduce(0, +))
            benchmark.stopMeasurement()
        }
        let report = try IterationEngine.measure(benchmark, settings: IterationSettings(warmup: 0, iterations: 2, minTimeNs: nil))
        XCTAssertEqual(report.samplesNs.count, 2)
        XCTAssertLessThan(report.samplesNs.max() ?? .max, 30_000_000, "the sleep before startMeasurement is not measured")
    }

    /// An async setup's state reaches an async closure; an error thrown in the closure ends the run.
    func testAsyncStateAndErrors() throws {
        let benchmark = Benchmark("async state") { _, words in
            if words.count != 2 { throw TestFailure() }
            await Task.yield()
        } setup: {
            await Task { ["a", "b"] }.value
        }
        XCTAssertEqual(try IterationEngine.measure(benchmark, settings: IterationSettings(warmup: 0, iterations: 2, minTimeNs: nil)).samplesNs.count, 2)
        // A synchronous closure with an async setup, as in the README's migration example.
        let mixed = Benchmark("mixed", configuration: .init(metrics: [.wallClock], scalingFactor: .kilo)) { benchmark, input in
            for _ in benchmark.scaledIterations { Benchmark.blackHole(input.count) }
        } setup: {
            try await Task { () throws -> [Int] in [1, 2, 3] }.value
        }
        XCTAssertEqual(try IterationEngine.measure(mixed, settings: IterationSettings(warmup: 0, iterations: 2, minTimeNs: nil)).samplesNs.count, 2)
        let failing = Benchmark("fails") { _ in
            await Task.yield()
            throw TestFailure()
        }
        XCTAssertThrowsError(try IterationEngine.measure(failing, settings: IterationSettings(warmup: 0, iterations: 1, minTimeNs: nil)))
    }

    /// package-benchmark's configuration labels, with their meaning here.
    func testConfigurationAcceptsPackageBenchmarkSettings() {
        let configuration = Benchmark.Configuration(
            metrics: BenchmarkMetric.all, warmupIterations: 2, scalingFactor: .kilo, maxDuration: .milliseconds(250), maxIterations: 40)
        let benchmark = Benchmark("configured", configuration: configuration) { _ in }
        XCTAssertEqual(benchmark.scaledIterations.count, 1_000)
        XCTAssertEqual(benchmark.maxDurationNs, 250_000_000)
        XCTAssertEqual(benchmark.maxIterations, 40)
        XCTAssertEqual(benchmark.warmupIterations, 2)
        XCTAssertEqual(Benchmark("literal", configuration: .init(scalingFactor: 1_000)) { _ in }.scaledIterations.count, 1_000)
        XCTAssertEqual(Benchmark("zero", configuration: .init(scalingFactor: 0)) { _ in }.scaledIterations.count, 1)
        XCTAssertNil(Benchmark("plain") { _ in }.maxDurationNs)
        XCTAssertEqual(Benchmark("huge", configuration: .init(maxDuration: .seconds(Int64.max))) { _ in }.maxDurationNs, UInt64.max)
    }

    /// maxIterations caps config.toml's iterations and min_time_ms alike.
    func testMaxIterationsCapsTheMeasuredIterations() throws {
        let capped = Benchmark("capped", configuration: .init(maxIterations: 4)) { _ in }
        XCTAssertEqual(try IterationEngine.measure(capped, settings: IterationSettings(warmup: 1, iterations: 30, minTimeNs: nil)).samplesNs.count, 4)
        XCTAssertEqual(try IterationEngine.measure(capped, settings: IterationSettings(warmup: 0, iterations: 1, minTimeNs: 10_000_000_000)).samplesNs.count, 4)
        let uncapped = Benchmark("uncapped") { _ in }
        XCTAssertEqual(try IterationEngine.measure(uncapped, settings: IterationSettings(warmup: 0, iterations: 30, minTimeNs: nil)).samplesNs.count, 30)
    }

    /// Benchmarks created inside the registration closure are collected in order; others are not.
    func testRegistrationClosureCollectsItsBenchmarks() {
        let outside = Benchmark("outside") { _ in }
        let collected = BenchBoard.collect {
            func helper() -> Int { 3 }
            Benchmark("first") { _ in blackHole(helper()) }
            for index in 0..<2 {
                Benchmark("loop \(index)") { _ in }
            }
            Benchmark("state") { _, value in blackHole(value) } setup: { helper() }
        }
        XCTAssertEqual(collected.map(\.name), ["first", "loop 0", "loop 1", "state"])
        XCTAssertFalse(collected.contains { $0 === outside })
        XCTAssertTrue(BenchBoard.collect {}.isEmpty)
    }

    /// Tasks started by the registration closure see its collector too: benchmarks they create
    /// at the same time are all collected (ThreadSanitizer checks the appends do not race).
    func testBenchmarksCreatedByConcurrentTasksAreAllCollected() {
        let collected = BenchBoard.collect {
            let group = DispatchGroup()
            for index in 0..<64 {
                group.enter()
                Task {
                    Benchmark("task \(index)") { _ in }
                    group.leave()
                }
            }
            group.wait()
        }
        XCTAssertEqual(Set(collected.map(\.name)), Set((0..<64).map { "task \($0)" }))
    }

    private final class Counter: @unchecked Sendable {
        var setups = 0
        var teardowns = 0
        var seen: [Int] = []
    }

    private struct TestFailure: Error {}
}

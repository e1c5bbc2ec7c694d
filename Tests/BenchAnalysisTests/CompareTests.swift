import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

final class CompareTests: XCTestCase {
    /// Baseline and current run of the given benchmarks, after 6 earlier runs that repeat the
    /// baseline (so every metric has a run-to-run spread).
    func comparison(baseline: [BenchmarkResult], current: [BenchmarkResult], options: AnalysisOptions = .init())
        -> RunComparison
    {
        let history = (0..<6).map { Records.run("h-\($0)", minute: $0, baseline) } + [Records.run("a-run", minute: 9, baseline)]
        return Analyzer.compare(
            current: Records.run("b-run", minute: 10, current), baseline: history.last, history: history, options: options)
    }

    func row(_ c: RunComparison, _ name: String) throws -> BenchmarkComparison {
        try XCTUnwrap(c.benchmarks.first { $0.name == name })
    }

    /// 5 processes of `samples` samples each at `level`, processes ±`jitter`, samples ±`noise`.
    func measured(_ name: String, level: Double, noise: Double = 0.02, jitter: Double = 0.01, samples: Int = 6, _ g: inout SeededGenerator)
        -> BenchmarkResult
    {
        Records.result(name, processes: Records.processes(5, samples: samples, level: level, jitter: jitter, noise: noise, &g))
    }

    func testVerdictsOnConstructedRuns() throws {
        var g = SeededGenerator(seed: 1)
        let base: [BenchmarkResult] = [
            measured("slower", level: 1e6, &g), measured("faster", level: 1e6, &g), measured("same", level: 1e6, &g),
            measured("crashes", level: 1e6, &g), measured("dropped", level: 1e6, &g),
            measured("two-modes", level: 1e6, noise: 0.01, &g), measured("wide", level: 1e6, noise: 0.01, &g),
            Records.result("one process", samples: [1e6, 1.01e6, 0.99e6]),
        ]
        // Two processes in a mode 40 % slower, three as before: the processes disagree.
        var twoModes = Records.processes(3, samples: 6, level: 1e6, jitter: 0.01, noise: 0.01, &g)
        twoModes += Records.processes(2, samples: 6, level: 1.4e6, jitter: 0.01, noise: 0.01, &g)
        let current: [BenchmarkResult] = [
            measured("slower", level: 1.2e6, &g), measured("faster", level: 0.8e6, &g), measured("same", level: 1e6, &g),
            Records.result("crashes", samples: [], outcome: .crashed), measured("added", level: 1e6, &g),
            Records.result("two-modes", processes: twoModes),
            // +30 % with processes ±40 %: the processes cannot tell it from their own spread.
            measured("wide", level: 1.3e6, noise: 0.05, jitter: 0.4, &g),
            Records.result("one process", samples: [1.5e6, 1.51e6, 1.49e6]),
        ]
        let c = comparison(baseline: base, current: current)
        XCTAssertEqual(try row(c, "slower").verdict, .regression)
        XCTAssertLessThan(try XCTUnwrap(row(c, "slower").time.pValue), 0.01)
        XCTAssertEqual(try XCTUnwrap(row(c, "slower").time.changePercent), 20, accuracy: 3)
        XCTAssertEqual(try row(c, "faster").verdict, .improvement)
        XCTAssertEqual(try row(c, "same").verdict, .unchanged)
        XCTAssertEqual(try row(c, "crashes").verdict, .failed)
        XCTAssertEqual(try row(c, "added").verdict, .new)
        XCTAssertEqual(try row(c, "dropped").verdict, .removed)
        XCTAssertNotEqual(try row(c, "two-modes").verdict, .regression)
        XCTAssertEqual(try row(c, "wide").verdict, .unconfirmed)
        XCTAssertEqual(try row(c, "wide").time.note?.hasPrefix("not significant at the process level"), true)
        // +50 % on one process a side: unconfirmed, neither a regression nor unchanged.
        XCTAssertEqual(try row(c, "one process").verdict, .unconfirmed)
        XCTAssertEqual(try row(c, "one process").time.note?.hasPrefix("one process in both runs"), true)
        XCTAssertTrue(c.hasRegressionOrFailure)
        XCTAssertNil(c.caveat)
        XCTAssertEqual(c.benchmarksWorstFirst.map(\.verdict).first, .failed)
    }

    func testThresholdOverridesAndRecordedThreshold() throws {
        var g = SeededGenerator(seed: 2)
        func recorded(_ result: BenchmarkResult, _ threshold: Double) -> BenchmarkResult {
            var result = result
            result.config = BenchmarkSettings(
                command: ["true"], swift: nil, iterations: 40, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM",
                env: [:], inheritEnv: [], regressionThreshold: threshold)
            return result
        }
        let base = [measured("a", level: 1e6, noise: 0.01, &g), recorded(measured("b", level: 1e6, noise: 0.01, &g), 0.5)]
        let current = [measured("a", level: 1.1e6, noise: 0.01, &g), recorded(measured("b", level: 1.1e6, noise: 0.01, &g), 0.5)]
        XCTAssertEqual(try row(comparison(baseline: base, current: current), "a").verdict, .regression)
        XCTAssertEqual(try row(comparison(baseline: base, current: current), "b").verdict, .unchanged)
        let overridden = comparison(
            baseline: base, current: current, options: AnalysisOptions(timeThresholdOverrides: ["a": 0.2, "b": 0.05]))
        XCTAssertEqual(try row(overridden, "a").verdict, .unchanged)
        XCTAssertEqual(try row(overridden, "b").verdict, .regression)
    }

    func testThreePercentChangeWithOnePercentNoiseIsFoundWithEnoughProcesses() throws {
        var found = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(300 + seed))
            let base = [measured("x", level: 1e6, noise: 0.01, jitter: 0.003, samples: 10, &g)]
            let current = [measured("x", level: 1.03e6, noise: 0.01, jitter: 0.003, samples: 10, &g)]
            let c = comparison(baseline: base, current: current, options: AnalysisOptions(timeThreshold: 0.02))
            if try row(c, "x").verdict == .regression { found += 1 }
            // At the default 5 % threshold a 3 % change is, by design, unchanged.
            XCTAssertEqual(try row(comparison(baseline: base, current: current), "x").verdict, .unchanged)
        }
        print("[figures] 3 % slower, 1 % noise, 5 processes × 10 samples a side (processes ±0.3 %), threshold 2 %: regression in \(found)/100 seeds")
        XCTAssertGreaterThanOrEqual(found, 95)
    }

    func testCaveatWhenMachineOrBuildDiffers() {
        var other = Records.machine
        other.cpuModel = "Other CPU"
        let current = Records.run("b", minute: 1, [])
        XCTAssertEqual(
            Analyzer.compare(current: current, baseline: Records.run("a", minute: 0, machine: other, [])).caveat,
            "The baseline ran on a different machine; the comparison is a hint, not a verdict.")
        XCTAssertEqual(
            Analyzer.compare(current: current, baseline: Records.run("a", minute: 0, build: "debug", [])).caveat?
                .contains("debug build"), true)
        XCTAssertNil(Analyzer.compare(current: current, baseline: nil).caveat)
    }

    func testMemoryAndCPUAreJudgedAgainstHistory() throws {
        var g = SeededGenerator(seed: 3)
        func result(memory: Double, memoryNoise: Double) -> BenchmarkResult {
            Records.result(
                "m", processes: Records.processes(5, samples: 4, level: 1e6, jitter: 0.01, noise: 0.01, &g),
                memory: (0..<5).map { _ in UInt64(memory * (1 + memoryNoise * g.nextNormal())) },
                cpuPerIterationUs: (0..<5).map { _ in 250 * (1 + 0.01 * g.nextNormal()) })
        }
        func history(memoryNoise: Double) -> [RunRecord] {
            (0..<30).map { i in
                Records.run("r\(i)", minute: i, [result(memory: 10_000_000 * (1 + memoryNoise * g.nextNormal()), memoryNoise: 0.002)])
            }
        }
        let steady = history(memoryNoise: 0.005)
        let grown = Records.run("now", minute: 100, [result(memory: 13_000_000, memoryNoise: 0.002)])
        let c = Analyzer.compare(current: grown, baseline: steady.last, history: steady)
        let row = try row(c, "m")
        XCTAssertEqual(row.memory.verdict, .regression)
        XCTAssertEqual(try XCTUnwrap(row.memory.reference), 10_000_000, accuracy: 200_000)
        XCTAssertEqual(row.cpu.verdict, .unchanged)
        XCTAssertEqual(row.verdict, .unchanged, "the headline verdict is about time")
        XCTAssertTrue(c.hasAnyMetricRegression)

        // A history that swings ±15 % from run to run cannot call +14 % against its median a regression.
        let swinging = history(memoryNoise: 0.15)
        let centers = swinging.compactMap { run in
            Quantile.median(run.benchmarks[0].processes?.compactMap { $0.maxRSSBytes.map { Double($0) } } ?? [])
        }
        let center = Quantile.median(centers) ?? 0
        let wobble = Records.run("wobble", minute: 100, [result(memory: center * 1.14, memoryNoise: 0.002)])
        var base = swinging
        base[base.count - 1] = Records.run("base", minute: 40, [result(memory: center, memoryNoise: 0.002)])
        let noisy = Analyzer.compare(current: wobble, baseline: base.last, history: base)
        XCTAssertEqual(try self.row(noisy, "m").memory.verdict, .unconfirmed)

        // Without history nothing but a change far beyond every spread is called.
        let short = Analyzer.compare(current: grown, baseline: steady.last)
        XCTAssertEqual(try self.row(short, "m").memory.verdict, .unconfirmed)
        XCTAssertEqual(
            try self.row(short, "m").memory.note, "fewer than 5 earlier runs on this machine and build (0): the run-to-run spread is unknown")
    }

    /// 200 runs of pure noise (5 % on every sample, memory and CPU), 100 seeds: the newest run
    /// compared with the previous one and the history must not show a regression, and the trend
    /// no change point, in at least 99 of the seeds.
    func testPureNoiseHistoryGivesNoRegressionAndNoChangePoint() throws {
        var seedsWithRegression = 0
        var seedsWithChangePoint = 0
        var pairRegressions = 0
        var pairs = 0
        var seedsWithAnyPairRegression = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(10_000 + seed))
            let history: [RunRecord] = (0..<200).map { i in
                Records.run("run-\(i)", minute: i, [
                    Records.result(
                        "x", samples: Records.samples(30, level: 2e6, noise: 0.05, &g),
                        memory: UInt64(50_000_000 * (1 + 0.05 * g.nextNormal())),
                        cpuUs: UInt64(8_000 * (1 + 0.05 * g.nextNormal())))
                ])
            }
            let current = history[199]
            let earlier = Array(history[0..<199])
            let baseline = try XCTUnwrap(Baseline.select(.previous, for: current, in: earlier))
            let c = Analyzer.compare(current: current, baseline: baseline, history: earlier)
            if c.hasAnyMetricRegression { seedsWithRegression += 1 }
            if !Analyzer.trend(of: "x", in: history).changePoints.isEmpty { seedsWithChangePoint += 1 }
            // Every consecutive pair, time only, for the per-comparison rate.
            var any = false
            for i in 1..<200 {
                let pair = Analyzer.compare(current: history[i], baseline: history[i - 1])
                pairs += 1
                if pair.benchmarks[0].verdict == .regression {
                    pairRegressions += 1
                    any = true
                }
            }
            if any { seedsWithAnyPairRegression += 1 }
        }
        print("[figures] pure noise, 200 runs × 100 seeds: newest-run regression in \(seedsWithRegression)/100 seeds, change points in \(seedsWithChangePoint)/100; time regressions in \(pairRegressions) of \(pairs) consecutive pairs (\(seedsWithAnyPairRegression) seeds with any)")
        XCTAssertLessThanOrEqual(seedsWithRegression, 1)
        XCTAssertLessThanOrEqual(seedsWithChangePoint, 1)
    }
}

/// A run narrowed by --filter/--shard does not call what it left out "removed".
final class SelectionCompareTests: XCTestCase {
    func testUnselectedBenchmarksAreNotRemoved() throws {
        let samples = [1.0e6, 1.01e6, 0.99e6, 1.0e6, 1.02e6]
        let all = ["a", "b", "c"].map { Records.result($0, samples: samples) }
        let baseline = Records.run("base", minute: 0, all)
        var current = Records.run("head", minute: 1, [Records.result("b", samples: samples)])

        let whole = Analyzer.compare(current: current, baseline: baseline)
        XCTAssertEqual(whole.benchmarks.filter { $0.verdict == .removed }.map(\.name), ["a", "c"], "without a selection")

        current.selection = RunSelection(filter: "b|c", shard: "1/2", notSelected: ["a"])
        let narrowed = Analyzer.compare(current: current, baseline: baseline)
        XCTAssertEqual(narrowed.benchmarks.map(\.name), ["b", "c"])
        XCTAssertEqual(narrowed.benchmarks.filter { $0.verdict == .removed }.map(\.name), ["c"], "c was selected and is gone")
        XCTAssertEqual(narrowed.notSelected, ["a"])
        XCTAssertEqual(whole.notSelected, [])
    }
}

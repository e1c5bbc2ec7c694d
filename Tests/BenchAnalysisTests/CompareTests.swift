import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

final class CompareTests: XCTestCase {
    func comparison(baseline: [BenchmarkResult], current: [BenchmarkResult], options: AnalysisOptions = .init())
        -> RunComparison
    {
        Analyzer.compare(
            current: Records.run("b-run", minute: 10, current), baseline: Records.run("a-run", minute: 0, baseline),
            options: options)
    }

    func row(_ c: RunComparison, _ name: String) throws -> BenchmarkComparison {
        try XCTUnwrap(c.benchmarks.first { $0.name == name })
    }

    func testVerdictsOnConstructedRuns() throws {
        var g = SeededGenerator(seed: 1)
        let base: [BenchmarkResult] = [
            Records.result("slower", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result("faster", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result("same", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result("crashes", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result("dropped", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result("two-humps", samples: Records.samples(30, level: 1e6, noise: 0.01, &g)),
            Records.result("wide", samples: Records.samples(10, level: 1e6, noise: 0.01, &g)),
            Records.result("three", samples: [1e6, 1.01e6, 0.99e6]),
        ]
        let current: [BenchmarkResult] = [
            Records.result("slower", samples: Records.samples(30, level: 1.2e6, noise: 0.02, &g)),
            Records.result("faster", samples: Records.samples(30, level: 0.8e6, noise: 0.02, &g)),
            Records.result("same", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result("crashes", samples: [], outcome: .crashed),
            Records.result("added", samples: Records.samples(30, level: 1e6, noise: 0.02, &g)),
            Records.result(
                "two-humps",
                samples: Records.samples(20, level: 1e6, noise: 0.01, &g) + Records.samples(20, level: 1.4e6, noise: 0.01, &g)),
            Records.result("wide", samples: Records.samples(10, level: 1.3e6, noise: 0.4, &g)),
            Records.result("three", samples: [1.5e6, 1.51e6, 1.49e6]),
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
        XCTAssertEqual(try row(c, "two-humps").verdict, .noisy)
        XCTAssertEqual(try row(c, "two-humps").time.note?.contains("the samples have two modes"), true)
        // +30 % at 40 % noise on 10 samples: wide, yet the 99 % interval of the change clears zero.
        XCTAssertEqual(try row(c, "wide").verdict, .regression)
        XCTAssertGreaterThan(try XCTUnwrap(row(c, "wide").time.changeLowPercent), 0)
        // +50 % on three samples a side: big, but p ≥ 0.1 — noisy, neither a regression nor unchanged.
        XCTAssertEqual(try row(c, "three").verdict, .noisy)
        XCTAssertEqual(try row(c, "three").time.note?.hasPrefix("not significant (p = 0.1"), true)
        XCTAssertTrue(c.hasRegressionOrFailure)
        XCTAssertNil(c.caveat)
        XCTAssertEqual(c.benchmarksWorstFirst.map(\.verdict).first, .failed)
    }

    func testThresholdOverridesAndRecordedThreshold() throws {
        var g = SeededGenerator(seed: 2)
        let base = [
            Records.result("a", samples: Records.samples(40, level: 1e6, noise: 0.01, &g)),
            Records.result("b", samples: Records.samples(40, level: 1e6, noise: 0.01, &g), threshold: 0.5),
        ]
        let current = [
            Records.result("a", samples: Records.samples(40, level: 1.1e6, noise: 0.01, &g)),
            Records.result("b", samples: Records.samples(40, level: 1.1e6, noise: 0.01, &g), threshold: 0.5),
        ]
        XCTAssertEqual(try row(comparison(baseline: base, current: current), "a").verdict, .regression)
        XCTAssertEqual(try row(comparison(baseline: base, current: current), "b").verdict, .unchanged)
        let overridden = comparison(
            baseline: base, current: current, options: AnalysisOptions(timeThresholdOverrides: ["a": 0.2, "b": 0.05]))
        XCTAssertEqual(try row(overridden, "a").verdict, .unchanged)
        XCTAssertEqual(try row(overridden, "b").verdict, .regression)
    }

    func testThreePercentChangeWithOnePercentNoiseIsFoundWithEnoughSamples() throws {
        var found = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(300 + seed))
            let base = [Records.result("x", samples: Records.samples(50, level: 1e6, noise: 0.01, &g))]
            let current = [Records.result("x", samples: Records.samples(50, level: 1.03e6, noise: 0.01, &g))]
            let c = comparison(baseline: base, current: current, options: AnalysisOptions(timeThreshold: 0.02))
            if try row(c, "x").verdict == .regression { found += 1 }
            // At the default 5 % threshold a 3 % change is, by design, unchanged.
            XCTAssertEqual(try row(comparison(baseline: base, current: current), "x").verdict, .unchanged)
        }
        print("[figures] 3 % slower, 1 % noise, 50 samples a side, threshold 2 %: regression in \(found)/100 seeds")
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
        func history(memoryNoise: Double) -> [RunRecord] {
            (0..<30).map { i in
                let memory = UInt64(10_000_000 * (1 + memoryNoise * g.nextNormal()))
                return Records.run("r\(i)", minute: i, [
                    Records.result("m", samples: Records.samples(20, level: 1e6, noise: 0.01, &g), memory: memory, cpuUs: 5_000)
                ])
            }
        }
        let steady = history(memoryNoise: 0.005)
        let grown = Records.run("now", minute: 100, [
            Records.result("m", samples: Records.samples(20, level: 1e6, noise: 0.01, &g), memory: 13_000_000, cpuUs: 5_100)
        ])
        let c = Analyzer.compare(current: grown, baseline: steady.last, history: steady)
        let row = try row(c, "m")
        XCTAssertEqual(row.memory.verdict, .regression)
        XCTAssertEqual(try XCTUnwrap(row.memory.reference), 10_000_000, accuracy: 200_000)
        XCTAssertEqual(row.cpu.verdict, .unchanged)
        XCTAssertEqual(row.verdict, .unchanged, "the headline verdict is about time")
        XCTAssertTrue(c.hasAnyMetricRegression)

        // A history that swings ±15 % cannot call +14 % against its median a regression.
        let swinging = history(memoryNoise: 0.15)
        let center = Quantile.median(swinging.compactMap { $0.benchmarks[0].resources.maxRSSBytes.map { Double($0) } }) ?? 0
        var wobble = grown
        wobble.benchmarks[0].resources.maxRSSBytes = UInt64(center * 1.14)
        var base = swinging[swinging.count - 1]
        base.benchmarks[0].resources.maxRSSBytes = UInt64(center)
        let noisy = Analyzer.compare(current: wobble, baseline: base, history: swinging)
        XCTAssertEqual(try self.row(noisy, "m").memory.verdict, .noisy)

        // Without history only the threshold decides.
        let short = Analyzer.compare(current: grown, baseline: steady.last)
        XCTAssertEqual(try self.row(short, "m").memory.verdict, .regression)
        XCTAssertEqual(try self.row(short, "m").memory.note, "judged by the threshold alone: fewer than 5 earlier runs")
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

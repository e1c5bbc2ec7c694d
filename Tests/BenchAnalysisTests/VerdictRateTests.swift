import BenchAnalysis
import BenchModel
import BenchStats
import Foundation
import RecordSupport
import XCTest

/// False alarms and detections of the time verdict over seeded simulations (issue 8's figures).
final class VerdictRateTests: XCTestCase {
    func verdict(_ baseline: [Double], _ current: [Double], threshold: Double = 0.05) -> Verdict {
        Analyzer.compare(
            current: Records.run("now", minute: 1, [Records.result("x", samples: current)]),
            baseline: Records.run("base", minute: 0, [Records.result("x", samples: baseline)]),
            options: AnalysisOptions(timeThreshold: threshold)
        ).benchmarks[0].verdict
    }

    /// 30 samples around 1 ms with 5 % noise, in three shapes timing data takes.
    let shapes: [(name: String, draw: (inout SeededGenerator) -> Double)] = [
        ("normal", { g in 1e6 * (1 + 0.05 * g.nextNormal()) }),
        ("log-normal", { g in 1e6 * Foundation.exp(0.05 * g.nextNormal()) }),
        // A floor plus an exponential tail (mean 1 ms, standard deviation 5 %), as spawn times look.
        ("shifted exponential", { g in 1e6 * (0.95 - 0.05 * Foundation.log(g.nextUnitInterval())) }),
    ]

    func testFalseAlarmAndDetectionRatesOverSeeds() {
        let seeds = 200
        var lines: [String] = []
        var falseAlarms = 0
        for (index, shape) in shapes.enumerated() {
            var alarms = 0
            var noisy = 0
            for seed in 0..<seeds {
                var g = SeededGenerator(seed: UInt64(20_000 + 1_000 * index + seed))
                let a = (0..<30).map { _ in shape.draw(&g) }
                let b = (0..<30).map { _ in shape.draw(&g) }
                switch verdict(a, b) {
                case .regression, .improvement: alarms += 1
                case .noisy: noisy += 1
                default: break
                }
            }
            falseAlarms += alarms
            lines.append("\(shape.name): \(alarms) false alarms, \(noisy) noisy of \(seeds)")
        }
        var caughtSmall = 0
        var caughtDoubled = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(30_000 + seed))
            let small = verdict(
                Records.samples(30, level: 1e6, noise: 0.01, &g), Records.samples(30, level: 1.03e6, noise: 0.01, &g),
                threshold: 0.02)
            if small == .regression { caughtSmall += 1 }
            let doubled = verdict(
                Records.samples(30, level: 1e6, noise: 0.3, &g), Records.samples(30, level: 2e6, noise: 0.3, &g))
            if doubled == .regression { caughtDoubled += 1 }
        }
        // The far-outside rule lets the history decide what a few samples cannot: with 3 samples
        // a run, 5 % noise and 3 % run-to-run jitter it must not invent regressions.
        var fewSampleAlarms = 0
        var fewSampleComparisons = 0
        for seed in 0..<40 {
            var g = SeededGenerator(seed: UInt64(40_000 + seed))
            let runs = (0..<60).map { i in
                Records.run("run-\(i)", minute: i, [
                    Records.result("x", samples: Records.samples(3, level: 1e6 * (1 + 0.03 * g.nextNormal()), noise: 0.05, &g))
                ])
            }
            for i in stride(from: 20, to: 60, by: 2) {
                fewSampleComparisons += 1
                let verdict = Analyzer.compare(
                    current: runs[i], baseline: runs[i - 1], history: Array(runs[(i - 20)..<i])
                ).benchmarks[0].verdict
                if verdict == .regression || verdict == .improvement { fewSampleAlarms += 1 }
            }
        }
        print("[figures] 3 samples a run, 5 % noise, 3 % jitter, 20 runs of history: \(fewSampleAlarms) false alarms in \(fewSampleComparisons) comparisons")
        XCTAssertLessThanOrEqual(fewSampleAlarms, fewSampleComparisons / 100)
        print("[figures] noise-only pairs, 30 samples a side, 5 % noise, threshold 5 %: \(lines.joined(separator: "; "))")
        print("[figures] +3 % at 1 % noise, 30 samples, threshold 2 %: regression in \(caughtSmall)/100 seeds; 2× at 30 % noise, 30 samples: regression in \(caughtDoubled)/100 seeds")
        XCTAssertLessThanOrEqual(falseAlarms, 3 * seeds / 100, "at most 1 % false alarms")
        XCTAssertEqual(caughtSmall, 100)
        XCTAssertEqual(caughtDoubled, 100)
    }
}

import BenchAnalysis
import BenchModel
import BenchStats
import Foundation
import RecordSupport
import XCTest

/// False alarms and detections of the time verdict over seeded simulations, restated for the
/// process as the unit of evidence: k processes × n samples, each process in a mode of its own
/// (jitter between processes), judged against the runs before it.
final class VerdictRateTests: XCTestCase {
    /// 5 processes × 20 samples around 1 ms, processes ±2 %, samples ±5 %, in three shapes timing
    /// data takes; 10 earlier runs of the same build as history, the last one the baseline.
    let shapes: [(name: String, draw: (Double, inout SeededGenerator) -> Double)] = [
        ("normal", { level, g in level * (1 + 0.05 * g.nextNormal()) }),
        ("log-normal", { level, g in level * Foundation.exp(0.05 * g.nextNormal()) }),
        // A floor plus an exponential tail (mean at the level, standard deviation 5 %), as spawn times look.
        ("shifted exponential", { level, g in level * (0.95 - 0.05 * Foundation.log(g.nextUnitInterval())) }),
    ]

    func run(_ id: Int, shape: (Double, inout SeededGenerator) -> Double, _ g: inout SeededGenerator) -> RunRecord {
        let processes = (0..<5).map { _ -> [Double] in
            let level = 1e6 * (1 + 0.02 * g.nextNormal())
            return (0..<20).map { _ in shape(level, &g) }
        }
        return Records.run("run-\(id)", minute: id, [Records.result("x", processes: processes)])
    }

    func testFalseAlarmsOnNoiseOnlyRunsAtMostOnePercent() {
        let seeds = 200
        var lines: [String] = []
        var falseAlarms = 0
        for (index, shape) in shapes.enumerated() {
            var alarms = 0
            var unconfirmed = 0
            for seed in 0..<seeds {
                var g = SeededGenerator(seed: UInt64(20_000 + 1_000 * index + seed))
                let runs = (0..<11).map { run($0, shape: shape.draw, &g) }
                let row = Analyzer.compare(current: runs[10], baseline: runs[9], history: Array(runs[0..<10])).benchmarks[0]
                switch row.verdict {
                case .regression, .improvement: alarms += 1
                case .unconfirmed: unconfirmed += 1
                default: break
                }
            }
            falseAlarms += alarms
            lines.append("\(shape.name): \(alarms) false alarms, \(unconfirmed) unconfirmed of \(seeds)")
        }
        print("[figures] noise-only, 5 processes × 20 samples, processes ±2 %, samples ±5 %, 10 earlier runs, threshold 5 %: \(lines.joined(separator: "; "))")
        XCTAssertLessThanOrEqual(falseAlarms, 3 * seeds / 100, "at most 1 % false alarms")
    }

    /// +3 % at 1 % noise (samples ±1 %, processes ±0.5 %), threshold 2 %; 2× at 30 % noise
    /// (samples ±30 %, processes ±10 %). Both caught every time with 5 processes × 20 samples
    /// and 10 earlier runs.
    func testSmallChangeAtLowNoiseAndDoublingAtHighNoiseAreCaught() {
        let small = ProcessSimulation(processes: 5, samples: 20, jitter: 0.005, noise: 0.01, threshold: 0.02)
        let wide = ProcessSimulation(processes: 5, samples: 20, jitter: 0.1, noise: 0.3)
        var caughtSmall = 0
        var caughtDoubled = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(30_000 + seed))
            if small.compare(small.runs(earlier: 10, change: 0.03, &g)).verdict == .regression { caughtSmall += 1 }
            if wide.compare(wide.runs(earlier: 10, change: 1.0, &g)).verdict == .regression { caughtDoubled += 1 }
        }
        print("[figures] +3 % at 1 % noise (processes ±0.5 %), 5 × 20, threshold 2 %, 10 earlier runs: regression in \(caughtSmall)/100 seeds; 2× at 30 % noise (processes ±10 %): \(caughtDoubled)/100")
        XCTAssertGreaterThanOrEqual(caughtSmall, 95)
        XCTAssertEqual(caughtDoubled, 100)
    }

    /// One process a side (an import, a run before rounds): `unconfirmed` however significant the
    /// samples, except far beyond every spread (2× with no overlap).
    func testOneProcessInputIsUnconfirmedExceptFarBeyond() throws {
        let single = ProcessSimulation(processes: 1, samples: 30, jitter: 0.02, noise: 0.05)
        var tally: [Verdict: Int] = [:]
        var far = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(35_000 + seed))
            // +30 %: Mann-Whitney on 30 samples a side calls it with p < 1e-9 every time.
            tally[single.compare(single.runs(earlier: 10, change: 0.3, &g)).verdict, default: 0] += 1
            if single.compare(single.runs(earlier: 10, change: 1.5, &g)).verdict == .regression { far += 1 }
        }
        print("[figures] one process a side, +30 %: \(tally.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")); 2.5×: regression in \(far)/100")
        XCTAssertEqual(tally[.unconfirmed], 100)
        XCTAssertEqual(far, 100)
        var g = SeededGenerator(seed: 36_000)
        let row = single.compare(single.runs(earlier: 10, change: 0.3, &g))
        XCTAssertEqual(row.time.note, "one process in both runs: the spread between processes is unknown, so only a change far beyond it (2× and no overlap) counts")
    }

    /// The far-beyond rule must not let three samples decide what their processes cannot: with
    /// one process of 3 samples a run, 5 % noise and 3 % run-to-run jitter, no false alarms.
    func testFewSamplesAndOneProcessInventNothing() {
        let few = ProcessSimulation(processes: 1, samples: 3, drift: 0.03, jitter: 0, noise: 0.05)
        var alarms = 0
        var comparisons = 0
        for seed in 0..<40 {
            var g = SeededGenerator(seed: UInt64(40_000 + seed))
            let runs = (0..<60).map { i in Records.run("run-\(i)", minute: i, [few.result(level: 1e6, &g)]) }
            for i in stride(from: 20, to: 60, by: 2) {
                comparisons += 1
                let verdict = Analyzer.compare(current: runs[i], baseline: runs[i - 1], history: Array(runs[(i - 20)..<i]))
                    .benchmarks[0].verdict
                if verdict == .regression || verdict == .improvement { alarms += 1 }
            }
        }
        print("[figures] 1 process of 3 samples a run, 5 % noise, 3 % jitter, 20 runs of history: \(alarms) false alarms in \(comparisons) comparisons")
        XCTAssertEqual(alarms, 0)
    }
}

import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// The smallest detectable change, checked by what it claims: shifts of exactly that size are
/// caught about 80 % of the time, shifts of half that size mostly are not.
final class DetectableChangeTests: XCTestCase {
    /// History mode: 5 processes × 20 samples, processes ±2 %, samples ±5 %, runs ±1 %, 10
    /// earlier runs. For each seed the figure is read off an unchanged run; then a run slower by
    /// exactly that much (and one by half of it) is judged against the same history.
    func testShiftsOfTheDetectableSizeAreCaughtAboutFourTimesInFive() throws {
        let sim = ProcessSimulation(processes: 5, samples: 20, drift: 0.01, jitter: 0.02, noise: 0.05, threshold: 0.005)
        var caught = 0
        var caughtHalf = 0
        var figures: [Double] = []
        let seeds = 200
        for seed in 0..<seeds {
            var g = SeededGenerator(seed: UInt64(170_000 + seed))
            let runs = sim.runs(earlier: 10, change: 0, &g)
            let earlier = Array(runs.dropLast())
            let detectable = try XCTUnwrap(sim.compare(runs).time.detectablePercent)
            figures.append(detectable)
            let shifted = earlier + [Records.run("shifted", minute: 50, [sim.result(level: 1e6 * (1 + detectable / 100), &g)])]
            if sim.compare(shifted).verdict == .regression { caught += 1 }
            let half = earlier + [Records.run("half", minute: 50, [sim.result(level: 1e6 * (1 + detectable / 200), &g)])]
            if sim.compare(half).verdict == .regression { caughtHalf += 1 }
        }
        let median = Quantile.median(figures) ?? 0
        print("[figures] detectable change, history mode (5 × 20, processes ±2 %, samples ±5 %, runs ±1 %, 10 earlier runs): median \(String(format: "%.1f", median)) %; shifts of that size caught in \(caught)/\(seeds), of half that size in \(caughtHalf)/\(seeds)")
        XCTAssertGreaterThanOrEqual(caught, seeds * 65 / 100)
        XCTAssertLessThanOrEqual(caught, seeds * 92 / 100)
        XCTAssertLessThan(caughtHalf, seeds / 2, "half the size: mostly unconfirmed or unchanged")
    }

    /// A/B: 12 rounds, rounds ±5 %, processes ±2 %, samples ±5 %.
    func testPairedShiftsOfTheDetectableSizeAreCaughtAboutFourTimesInFive() throws {
        let sim = ProcessSimulation(processes: 1, samples: 20, drift: 0.05, jitter: 0.02, noise: 0.05, threshold: 0.005)
        var caught = 0
        var caughtHalf = 0
        var figures: [Double] = []
        let seeds = 200
        for seed in 0..<seeds {
            var g = SeededGenerator(seed: UInt64(180_000 + seed))
            let detectable = try XCTUnwrap(sim.compareAB(sim.abRuns(rounds: 12, change: 0, &g)).time.detectablePercent)
            figures.append(detectable)
            if sim.compareAB(sim.abRuns(rounds: 12, change: detectable / 100, &g)).verdict == .regression { caught += 1 }
            if sim.compareAB(sim.abRuns(rounds: 12, change: detectable / 200, &g)).verdict == .regression { caughtHalf += 1 }
        }
        let median = Quantile.median(figures) ?? 0
        print("[figures] detectable change, A/B (12 rounds, rounds ±5 %, processes ±2 %, samples ±5 %): median \(String(format: "%.1f", median)) %; shifts of that size caught in \(caught)/\(seeds), of half that size in \(caughtHalf)/\(seeds)")
        XCTAssertGreaterThanOrEqual(caught, seeds * 65 / 100)
        XCTAssertLessThanOrEqual(caught, seeds * 92 / 100)
        XCTAssertLessThan(caughtHalf, seeds / 2)
    }

    /// Every metric that can be estimated carries the figure and the process spread; one process
    /// carries neither.
    func testFiguresAreSetWhereTheyCanBeEstimated() throws {
        var g = SeededGenerator(seed: 171)
        let sim = ProcessSimulation()
        let row = sim.compare(sim.runs(earlier: 10, change: 0, &g))
        XCTAssertNotNil(row.time.detectablePercent)
        XCTAssertNotNil(row.time.processSpreadPercent)
        let single = ProcessSimulation(processes: 1)
        let one = single.compare(single.runs(earlier: 10, change: 0, &g))
        XCTAssertNil(one.time.detectablePercent)
        XCTAssertNil(one.time.processSpreadPercent)
    }
}

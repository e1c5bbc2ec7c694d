@testable import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// `ABConfirmation`: a change the job's rounds found stands only when further rounds of that
/// benchmark alone agree.
final class ABConfirmationTests: XCTestCase {
    /// One A/B job of one benchmark with processes that land in slow modes now and then (one in
    /// ten, 1.15× to 1.4×, on either side), as a steady benchmark's do on a shared machine (a
    /// 100k-integer sort here: pairs ±10 %, the widest −22 % and +18 %); `further` rounds when asked.
    private func job(
        _ sim: ProcessSimulation, rounds: Int, further: Int?, change: Double, _ g: inout SeededGenerator
    ) -> BenchmarkComparison {
        let first = moded(sim.abRuns(rounds: rounds, change: change, &g), &g)
        let options = AnalysisOptions(timeThreshold: sim.threshold)
        let look = Analyzer.compareAB(base: first.base, head: first.head, options: options)
        guard let further, !ABConfirmation.suspects(look, options: options).isEmpty else { return look.benchmarks[0] }
        let more = moded(sim.abRuns(rounds: further, change: change, &g), &g)
        let base = ABConfirmation.merging(first.base, further: more.base, suiteThreshold: sim.threshold)
        let head = ABConfirmation.merging(first.head, further: more.head, suiteThreshold: sim.threshold)
        return Analyzer.compareAB(base: base, head: head, further: (more.base, more.head), options: options).benchmarks[0]
    }

    private func moded(_ pair: (base: RunRecord, head: RunRecord), _ g: inout SeededGenerator) -> (base: RunRecord, head: RunRecord) {
        ProcessSimulation().withSlowModes(pair, share: 0.1, factors: 1.15...1.4, &g)
    }

    /// Unchanged code: the further rounds take the false calls away; a real +10 % is still called.
    func testFurtherRoundsRemoveFalseCallsAndKeepRealOnes() {
        let sim = ProcessSimulation(processes: 1, samples: 3, drift: 0.01, jitter: 0.05, noise: 0.02)
        var alarms = (without: 0, with: 0)
        var caught = (without: 0, with: 0)
        let seeds = 400
        for seed in 0..<seeds {
            var g = SeededGenerator(seed: UInt64(190_000 + seed))
            var h = g
            if job(sim, rounds: 24, further: nil, change: 0, &g).verdict.isCall { alarms.without += 1 }
            if job(sim, rounds: 24, further: 24, change: 0, &h).verdict.isCall { alarms.with += 1 }
            var g2 = SeededGenerator(seed: UInt64(195_000 + seed))
            var h2 = g2
            if job(sim, rounds: 24, further: nil, change: 0.1, &g2).verdict == .regression { caught.without += 1 }
            if job(sim, rounds: 24, further: 24, change: 0.1, &h2).verdict == .regression { caught.with += 1 }
        }
        print("[figures] A/B, 24 rounds, processes ±5 %, one in ten 1.15–1.4× slow: unchanged called \(alarms.without)/\(seeds) without further rounds, \(alarms.with)/\(seeds) with 24; +10 % caught \(caught.without)/\(seeds) without, \(caught.with)/\(seeds) with")
        XCTAssertLessThanOrEqual(alarms.with, 1)
        XCTAssertLessThanOrEqual(alarms.with, alarms.without)
        XCTAssertGreaterThanOrEqual(caught.with, seeds * 85 / 100)
        XCTAssertGreaterThanOrEqual(caught.with, caught.without, "the further rounds are more evidence too")
    }

    func testACallTheFurtherRoundsDoNotRepeatIsUnconfirmed() {
        let called = MetricComparison(baseline: 1, current: 1.1, changePercent: 10, verdict: .regression, pValue: 0.001)
        let agreeing = MetricComparison(baseline: 1, current: 1.08, changePercent: 8, verdict: .unconfirmed, pValue: 0.03)
        let kept = ABConfirmation.confirmed(called, by: agreeing, rounds: 20)
        XCTAssertEqual(kept.verdict, .regression)
        XCTAssertEqual(kept.note, "confirmed by 20 further rounds of this benchmark alone: +8.0 %, p = 0.03")

        let flat = MetricComparison(baseline: 1, current: 1.0, changePercent: 0.4, verdict: .unchanged, pValue: 0.6)
        let dropped = ABConfirmation.confirmed(called, by: flat, rounds: 20)
        XCTAssertEqual(dropped.verdict, .unconfirmed)
        XCTAssertEqual(dropped.note, "not confirmed by 20 further rounds of this benchmark alone: +0.4 %, p = 0.6")

        let opposite = MetricComparison(baseline: 1, current: 0.9, changePercent: -10, verdict: .improvement, pValue: 0.001)
        XCTAssertEqual(ABConfirmation.confirmed(called, by: opposite, rounds: 20).verdict, .unconfirmed)
        XCTAssertEqual(ABConfirmation.confirmed(flat, by: called, rounds: 20), flat, "only calls are confirmed")
    }

    func testSuspectsAreWhatMovedBeyondTheThreshold() {
        var g = SeededGenerator(seed: 196)
        let sim = ProcessSimulation(processes: 1, samples: 3, drift: 0, jitter: 0.01, noise: 0.01)
        let options = AnalysisOptions(timeThreshold: sim.threshold)
        let same = sim.abRuns(rounds: 12, change: 0, &g)
        XCTAssertEqual(ABConfirmation.suspects(Analyzer.compareAB(base: same.base, head: same.head, options: options), options: options), [])
        let slower = sim.abRuns(rounds: 12, change: 0.2, &g)
        XCTAssertEqual(ABConfirmation.suspects(Analyzer.compareAB(base: slower.base, head: slower.head, options: options), options: options), ["x"])
    }

    /// The further rounds follow the job's own, numbered on, and the statistics cover both.
    func testMergingNumbersTheFurtherRoundsOn() throws {
        var g = SeededGenerator(seed: 197)
        let sim = ProcessSimulation(processes: 1, samples: 3)
        let first = sim.abRuns(rounds: 4, change: 0, &g)
        let more = sim.abRuns(rounds: 3, change: 0, &g)
        let merged = ABConfirmation.merging(first.head, further: more.head, suiteThreshold: 0.05)
        let result = try XCTUnwrap(merged.benchmarks.first)
        XCTAssertEqual(result.processes?.map(\.round), [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(result.samplesNs.count, 21)
        XCTAssertEqual(result.stats?.count, 21)
        XCTAssertEqual(result.resources, first.head.benchmarks[0].resources)
    }

    /// A further round stopped by a limit gives the merged result that round's whole ending (as
    /// `ProcessMerge` does), never the outcome of one process with the details of another.
    func testMergingTakesAFailedFurtherRoundsWholeEnding() throws {
        var g = SeededGenerator(seed: 199)
        let sim = ProcessSimulation(processes: 1, samples: 3)
        let first = sim.abRuns(rounds: 4, change: 0, &g)
        var more = sim.abRuns(rounds: 3, change: 0, &g).head
        more.benchmarks[0].outcome = .limit
        more.benchmarks[0].exitCode = nil
        more.benchmarks[0].signal = "SIGKILL"
        more.benchmarks[0].killedBy = "memory limit"
        more.benchmarks[0].limitHit = .memory
        more.benchmarks[0].error = "stopped at max_memory_mb"
        let result = try XCTUnwrap(ABConfirmation.merging(first.head, further: more, suiteThreshold: 0.05).benchmarks.first)
        XCTAssertEqual(result.outcome, .limit)
        XCTAssertEqual(result.signal, "SIGKILL")
        XCTAssertNil(result.exitCode)
        XCTAssertEqual(result.killedBy, "memory limit")
        XCTAssertEqual(result.limitHit, .memory)
        XCTAssertEqual(result.error, "stopped at max_memory_mb")
        XCTAssertEqual(result.samplesNs.count, 21, "the samples measured before it stopped are kept")
    }
}

extension Verdict {
    fileprivate var isCall: Bool { self == .regression || self == .improvement }
}

import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// `Analyzer.compareAB`: one job alternating base and head round by round, judged on the pairs.
final class ABVerdictTests: XCTestCase {
    /// The machine moves by ±5 % from round to round, and both builds move with it: pairs of one
    /// binary against itself raise no alarm, with no history at all.
    func testSameBinaryAgainstItselfRaisesNoAlarm() {
        let sim = ProcessSimulation(processes: 1, samples: 20, drift: 0.05, jitter: 0.02, noise: 0.05)
        var alarms = 0
        var tally: [Verdict: Int] = [:]
        for seed in 0..<300 {
            var g = SeededGenerator(seed: UInt64(160_000 + seed))
            let verdict = sim.compareAB(sim.abRuns(rounds: 12, change: 0, &g)).verdict
            tally[verdict, default: 0] += 1
            if verdict == .regression || verdict == .improvement { alarms += 1 }
        }
        print("[figures] A/B of one binary against itself, 12 rounds, rounds ±5 %, processes ±2 %, samples ±5 %: \(tally.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")) of 300")
        XCTAssertLessThanOrEqual(alarms, 3)
    }

    /// +10 % under rounds that swing ±10 %: the pairs share the swing, so 12 rounds catch it; the
    /// same processes judged as two runs apart cannot tell it from the swing.
    func testPairsCatchWhatTheSwingBetweenRoundsHides() {
        let sim = ProcessSimulation(processes: 1, samples: 20, drift: 0.1, jitter: 0.01, noise: 0.05)
        var caught = 0
        for seed in 0..<100 {
            var g = SeededGenerator(seed: UInt64(161_000 + seed))
            if sim.compareAB(sim.abRuns(rounds: 12, change: 0.1, &g)).verdict == .regression { caught += 1 }
        }
        print("[figures] A/B +10 %, 12 rounds swinging ±10 %, processes ±1 %: regression in \(caught)/100")
        XCTAssertGreaterThanOrEqual(caught, 95)
    }

    /// Pairs are rounds present on both sides; one pair is too little evidence unless far beyond.
    func testPairingAndTooFewPairs() throws {
        var g = SeededGenerator(seed: 162)
        let sim = ProcessSimulation(processes: 1, samples: 20, drift: 0, jitter: 0.01, noise: 0.01)
        let one = sim.abRuns(rounds: 1, change: 0.3, &g)
        let row = sim.compareAB(one)
        XCTAssertEqual(row.verdict, .unconfirmed)
        XCTAssertTrue(try XCTUnwrap(row.time.note).hasPrefix("one pair of processes of the same round"), row.time.note ?? "")
        XCTAssertEqual(sim.compareAB(sim.abRuns(rounds: 1, change: 2, &g)).verdict, .regression, "3× is far beyond")

        // Base rounds 1, 2, 3; head rounds 1 and 3 (its round 2 left no figure): two pairs.
        var pair = sim.abRuns(rounds: 3, change: 0.3, &g)
        var head = pair.head.benchmarks[0]
        let processes = try XCTUnwrap(head.processes)
        head.samplesNs = Array(head.samplesNs[0..<20]) + Array(head.samplesNs[40..<60])
        head.processes = [processes[0], processes[2]]
        pair.head.benchmarks[0] = head
        let two = sim.compareAB(pair)
        XCTAssertNotEqual(two.time.note?.hasPrefix("one pair"), true)
        XCTAssertNotNil(two.time.pValue, "a paired test on two pairs")
        XCTAssertEqual(two.verdict, .unconfirmed)
        XCTAssertTrue(try XCTUnwrap(two.time.note).contains("needs at least 8"), two.time.note ?? "")
    }

    /// Real machines put a whole process into a slow mode now and then (here one process in ten
    /// runs 1.15× to 1.4× slower, on either side). One binary against itself raises few alarms
    /// (the further rounds of `ABConfirmation` take those away), and +10 % over 24 rounds is
    /// still caught: the rank test is not thrown off by the wild pairs.
    func testProcessesInSlowModesNeitherRaiseAlarmsNorHideAChange() {
        let sim = ProcessSimulation(processes: 1, samples: 3, drift: 0.01, jitter: 0.05, noise: 0.02)
        let moded = { (pair: (base: RunRecord, head: RunRecord), g: inout SeededGenerator) in
            sim.withSlowModes(pair, share: 0.1, factors: 1.15...1.4, &g)
        }
        var alarms = 0
        var caught = 0
        for seed in 0..<200 {
            var g = SeededGenerator(seed: UInt64(164_000 + seed))
            let same = sim.compareAB(moded(sim.abRuns(rounds: 24, change: 0, &g), &g)).verdict
            if same == .regression || same == .improvement { alarms += 1 }
            if sim.compareAB(moded(sim.abRuns(rounds: 24, change: 0.1, &g), &g)).verdict == .regression { caught += 1 }
        }
        print("[figures] A/B with one process in ten in a slow mode (1.15–1.4×), 24 rounds, processes ±5 %: alarms \(alarms)/200 unchanged, +10 % caught \(caught)/200")
        XCTAssertLessThanOrEqual(alarms, 3)
        XCTAssertGreaterThanOrEqual(caught, 150)
    }

    /// The head's benchmarks govern: one only in the head is new, one only in the base removed.
    func testNewAndRemoved() {
        var g = SeededGenerator(seed: 163)
        let base = Records.run("base", minute: 0, [
            Records.result("kept", processes: Records.processes(3, samples: 5, level: 1e6, jitter: 0.01, noise: 0.01, &g)),
            Records.result("gone", processes: Records.processes(3, samples: 5, level: 1e6, jitter: 0.01, noise: 0.01, &g)),
        ])
        let head = Records.run("head", minute: 1, [
            Records.result("kept", processes: Records.processes(3, samples: 5, level: 1e6, jitter: 0.01, noise: 0.01, &g)),
            Records.result("added", processes: Records.processes(3, samples: 5, level: 1e6, jitter: 0.01, noise: 0.01, &g)),
        ])
        let c = Analyzer.compareAB(base: base, head: head)
        XCTAssertEqual(c.benchmarks.map(\.name), ["kept", "added", "gone"])
        XCTAssertEqual(c.benchmarks.map(\.verdict), [.unchanged, .new, .removed])
        XCTAssertNil(c.caveat)
    }
}

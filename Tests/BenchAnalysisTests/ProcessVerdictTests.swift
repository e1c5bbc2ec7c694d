import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// The process as the unit of evidence: each rule of `Judge.processLevel` as it was seen.
final class ProcessVerdictTests: XCTestCase {
    func history(_ count: Int, processes: Int = 5, _ g: inout SeededGenerator) -> [RunRecord] {
        (0..<count).map { i in
            Records.run("run-\(i)", minute: i, [
                Records.result("x", processes: Records.processes(processes, samples: 20, level: 1e6, jitter: 0.01, noise: 0.01, &g))
            ])
        }
    }

    func current(_ processes: [[Double]], minute: Int = 100) -> RunRecord {
        Records.run("now", minute: minute, [Records.result("x", processes: processes)])
    }

    /// "Checksum 1k" as seen: an unchanged benchmark whose processes land at about 0.185 ms or
    /// 0.42 ms. Samples inside a process agree, so a test on samples calls the baseline's fast
    /// processes against the head's slow ones +120 % with p ≈ 0; the processes cannot.
    func testProcessesInModesOfTheirOwnAreNotARegression() throws {
        var g = SeededGenerator(seed: 151)
        func modes(_ levels: [Double]) -> [[Double]] {
            levels.map { Records.samples(20, level: $0 * 1e6, noise: 0.005, &g) }
        }
        var runs = (0..<8).map { i in
            Records.run("run-\(i)", minute: i, [
                Records.result("x", processes: modes(i % 2 == 0 ? [0.382, 0.185, 0.186, 0.44] : [0.431, 0.185, 0.413, 0.185]))
            ])
        }
        runs.append(Records.run("base", minute: 8, [Records.result("x", processes: modes([0.185, 0.186, 0.185, 0.42]))]))
        let head = current(modes([0.44, 0.413, 0.185, 0.423]))
        let row = Analyzer.compare(current: head, baseline: runs.last, history: runs).benchmarks[0]
        XCTAssertGreaterThan(try XCTUnwrap(row.time.changePercent), 100, "the medians are 2.2× apart")
        XCTAssertEqual(row.verdict, .unconfirmed)
        let note = try XCTUnwrap(row.time.note)
        XCTAssertTrue(note.hasPrefix("not significant at the process level (p = "), note)
        XCTAssertTrue(note.contains(", 4 and 4 processes); this run's processes disagree by ±"), note)
        XCTAssertFalse(Analyzer.compare(current: head, baseline: runs.last, history: runs).failsGate)
    }

    /// Too little evidence is said, and a change far beyond every spread is called anyway.
    func testTooLittleEvidenceIsUnconfirmedUnlessFarBeyond() throws {
        var g = SeededGenerator(seed: 152)
        let earlier = history(3, &g)
        let slower = current(Records.processes(5, samples: 20, level: 1.2e6, jitter: 0.01, noise: 0.01, &g))
        let few = Analyzer.compare(current: slower, baseline: earlier.last, history: earlier).benchmarks[0]
        XCTAssertEqual(few.verdict, .unconfirmed)
        XCTAssertEqual(few.time.note, "fewer than 5 earlier runs on this machine and build (3): the run-to-run spread is unknown")
        let enough = history(6, &g)
        XCTAssertEqual(Analyzer.compare(current: slower, baseline: enough.last, history: enough).benchmarks[0].verdict, .regression)
        XCTAssertEqual(Analyzer.compare(current: slower, baseline: earlier.last).benchmarks[0].verdict, .unconfirmed, "a first comparison")

        // 2.5× with no process of one side near any of the other: called on no history at all.
        let far = current(Records.processes(5, samples: 20, level: 2.5e6, jitter: 0.01, noise: 0.01, &g))
        let called = Analyzer.compare(current: far, baseline: earlier.last).benchmarks[0]
        XCTAssertEqual(called.verdict, .regression)
        XCTAssertTrue(try XCTUnwrap(called.time.note).hasPrefix("far beyond every spread: ×2."), called.time.note ?? "")
        // 2.5× at the median, but one process of the current run as fast as the baseline's: not far beyond.
        var overlapping = Records.processes(4, samples: 20, level: 2.5e6, jitter: 0.01, noise: 0.01, &g)
        overlapping.append(Records.samples(20, level: 0.97e6, noise: 0.01, &g))
        XCTAssertEqual(Analyzer.compare(current: current(overlapping), baseline: earlier.last).benchmarks[0].verdict, .unconfirmed)
        // Halved: an improvement, by the same rule.
        let halved = current(Records.processes(5, samples: 20, level: 0.4e6, jitter: 0.01, noise: 0.01, &g))
        XCTAssertEqual(Analyzer.compare(current: halved, baseline: earlier.last).benchmarks[0].verdict, .improvement)
    }

    /// A history that wanders from 1× to 3× run to run: even 2.5× is not far beyond every spread.
    func testFarBeyondMustClearTheRunToRunSpreadToo() throws {
        var g = SeededGenerator(seed: 153)
        let wild = (0..<12).map { i in
            Records.run("w\(i)", minute: i, [
                Records.result(
                    "x", processes: Records.processes(5, samples: 20, level: 1e6 * (1 + abs(g.nextNormal())), jitter: 0.01, noise: 0.01, &g))
            ])
        }
        let far = current(Records.processes(5, samples: 20, level: 2.5e6, jitter: 0.01, noise: 0.01, &g))
        let row = Analyzer.compare(current: far, baseline: wild[0], history: wild).benchmarks[0]
        XCTAssertNotEqual(row.verdict, .regression, row.time.note ?? "")
    }

    /// Significant between processes and beyond the threshold, but ordinary for a history whose
    /// runs wander by ±6 %: unconfirmed, with the band.
    func testChangeWithinTheRunToRunSpreadIsUnconfirmed() throws {
        var g = SeededGenerator(seed: 154)
        let levels = [1.0, 0.94, 1.06, 1.01, 0.95, 1.05, 0.99, 1.03, 0.97, 1.06, 0.94, 1.0]
        let runs = levels.enumerated().map { i, level in
            Records.run("run-\(i)", minute: i, [
                Records.result("x", processes: Records.processes(5, samples: 20, level: 1e6 * level, jitter: 0.003, noise: 0.005, &g))
            ])
        }
        let now = current(Records.processes(5, samples: 20, level: 1.06e6, jitter: 0.003, noise: 0.005, &g))
        let row = Analyzer.compare(current: now, baseline: runs.last, history: runs).benchmarks[0]
        XCTAssertLessThan(try XCTUnwrap(row.time.pValue), 0.01, "significant between the two runs' processes")
        XCTAssertEqual(row.verdict, .unconfirmed)
        let note = try XCTUnwrap(row.time.note)
        XCTAssertTrue(note.hasPrefix("within the run-to-run spread of the last 12 runs (±") || note.hasPrefix("only +"), note)
        XCTAssertEqual(try XCTUnwrap(row.time.reference), 1e6, accuracy: 30_000)
    }

    /// `metric = "instructions"` keeps its one-run-a-side rule: one process, no history, decided.
    func testInstructionsNeedNoProcessesOrHistory() throws {
        func counted(_ count: Int64) -> BenchmarkResult {
            var result = Records.result("x", samples: [1e6, 1e6, 1e6])
            result.metric = .instructions
            result.samplesInstructions = [count, count + 1, count]
            return result
        }
        let row = Analyzer.compare(
            current: Records.run("b", minute: 1, [counted(1_020_000)]), baseline: Records.run("a", minute: 0, [counted(1_000_000)])
        ).benchmarks[0]
        XCTAssertEqual(row.verdict, .regression)
        XCTAssertTrue(row.failsGate)
    }
}

import BenchAnalysis
import BenchModel
import BenchStats
import Foundation
import RecordSupport
import XCTest

/// The time verdict cases as they were seen, restated for processes (the modes case lives in
/// `ProcessVerdictTests`).
final class VerdictRuleTests: XCTestCase {
    /// `baseline` and `current` as results of `processes` processes each, after 6 earlier runs
    /// like the baseline unless `history` is given.
    func time(
        _ baseline: BenchmarkResult, _ current: BenchmarkResult, history: [RunRecord]? = nil, options: AnalysisOptions = .init()
    ) -> MetricComparison {
        let base = Records.run("base", minute: 100, [baseline])
        let earlier = history ?? (0..<6).map { Records.run("h\($0)", minute: $0, [baseline]) }
        let now = Records.run("now", minute: 101, [current])
        return Analyzer.compare(current: now, baseline: base, history: earlier + [base], options: options).benchmarks[0].time
    }

    func measured(_ level: Double, noise: Double, jitter: Double = 0.02, processes: Int = 5, samples: Int = 30, _ g: inout SeededGenerator)
        -> BenchmarkResult
    {
        Records.result(
            "x", processes: Records.processes(processes, samples: samples, level: level, jitter: jitter, noise: noise, &g))
    }

    /// A benchmark that doubled at 30 % noise, and a fivefold one against a wide baseline (the gzip
    /// case, +400 %), are verdicts however wide the samples scatter: their processes agree.
    func testBigCertainChangesAreVerdictsWhateverTheNoise() throws {
        var g = SeededGenerator(seed: 8)
        let doubled = time(measured(1e6, noise: 0.3, &g), measured(2e6, noise: 0.3, &g))
        XCTAssertEqual(doubled.verdict, .regression, doubled.note ?? "")
        XCTAssertLessThan(try XCTUnwrap(doubled.pValue), 1e-4)
        XCTAssertGreaterThan(try XCTUnwrap(doubled.changeLowPercent), 0)

        let gzip = time(measured(2e6, noise: 0.25, &g), measured(10e6, noise: 0.25, &g))
        XCTAssertEqual(gzip.verdict, .regression, gzip.note ?? "")
        XCTAssertGreaterThan(try XCTUnwrap(gzip.changePercent), 300)

        let halved = time(measured(2e6, noise: 0.3, &g), measured(1e6, noise: 0.3, &g))
        XCTAssertEqual(halved.verdict, .improvement, halved.note ?? "")
    }

    /// One process of three samples a side can never show its spread, but a median 2.2× a history
    /// that held within ±1 % for 12 runs is far beyond every spread: a verdict. A history that
    /// wanders from 1× to 3× does not let it decide.
    func testChangeFarBeyondEverySpreadIsAVerdict() throws {
        var g = SeededGenerator(seed: 82)
        func three(_ level: Double) -> BenchmarkResult {
            Records.result("x", samples: Records.samples(3, level: level, noise: 0.002, &g))
        }
        let history = (0..<12).map { i in Records.run("r\(i)", minute: i, [three(1e6 * (1 + 0.005 * g.nextNormal()))]) }
        let base = history[11].benchmarks[0]
        let current = three(2.2e6)
        let judged = time(base, current, history: history)
        XCTAssertEqual(judged.verdict, .regression)
        let note = try XCTUnwrap(judged.note)
        XCTAssertTrue(note.hasPrefix("far beyond every spread: ×2."), note)
        XCTAssertTrue(note.contains("outside the run-to-run spread of the last 13 runs (±"), note)
        XCTAssertNotNil(judged.reference)
        XCTAssertEqual(time(base, three(1.5e6), history: history).verdict, .unconfirmed, "+50 % on one process")
        let wild = (0..<12).map { i in Records.run("w\(i)", minute: i, [three(1e6 * (1 + 2 * abs(g.nextNormal())))]) }
        XCTAssertNotEqual(time(base, current, history: wild).verdict, .regression)
    }

    /// Every `unconfirmed` says why; p-values never read "0".
    func testUnconfirmedNotesNameTheReasonAndTinyPValuesStayReadable() throws {
        var unconfirmed = 0
        for seed in 0..<200 {
            var g = SeededGenerator(seed: UInt64(7_000 + seed))
            let processes = [1, 2, 3, 5][seed % 4]
            let noise = [0.01, 0.1, 0.3][seed % 3]
            let change = [0.0, 0.04, 0.08, 0.3][(seed / 4) % 4]
            let metric = time(
                measured(1e6, noise: noise, jitter: noise / 2, processes: processes, samples: 10, &g),
                measured(1e6 * (1 + change), noise: noise, jitter: noise / 2, processes: processes, samples: 10, &g))
            if metric.verdict == .unconfirmed || metric.verdict == .noisy {
                unconfirmed += 1
                XCTAssertFalse((metric.note ?? "").isEmpty, "seed \(seed): \(metric.verdict) without a reason")
            }
        }
        XCTAssertGreaterThan(unconfirmed, 20)

        XCTAssertEqual(Format.pValue(2.4e-9), "2.4e-9")
        XCTAssertEqual(Format.pValue(3e-11), "3.0e-11")
        XCTAssertEqual(Format.pValue(0.00042), "4.2e-4")
        XCTAssertEqual(Format.pValue(0.0042), "0.0042")
        XCTAssertEqual(Format.pValue(0.1), "0.1")
        XCTAssertEqual(Format.pValue(0), "<1e-300")
        XCTAssertEqual(Format.pClause(0), "p < 1e-300")
    }
}

import BenchAnalysis
import BenchModel
import BenchStats
import Foundation
import RecordSupport
import XCTest

/// The time verdict cases of issue 8, each as it was seen.
final class VerdictRuleTests: XCTestCase {
    func time(_ baseline: [Double], _ current: [Double], history: [RunRecord] = [], options: AnalysisOptions = .init())
        -> MetricComparison
    {
        let base = Records.run("base", minute: 100, [Records.result("x", samples: baseline)])
        let now = Records.run("now", minute: 101, [Records.result("x", samples: current)])
        return Analyzer.compare(current: now, baseline: base, history: history, options: options).benchmarks[0].time
    }

    /// Two modes, `fast` of the samples at `level`, the rest 30 % slower, 1 % noise each.
    func twoModes(_ count: Int, level: Double, fast: Int, _ g: inout SeededGenerator) -> [Double] {
        Records.samples(fast, level: level, noise: 0.01, &g) + Records.samples(count - fast, level: level * 1.3, noise: 0.01, &g)
    }

    /// A benchmark that doubled, 30 samples a side at 30 % noise (+88 %, p ≈ 1e-9 as seen), and
    /// a fivefold one against a wide baseline (the gzip case, +400 %) were `noisy`: the old rule
    /// compared each median's uncertainty with the threshold, not with the change.
    func testBigCertainChangesAreVerdictsWhateverTheNoise() throws {
        var g = SeededGenerator(seed: 8)
        let doubled = time(Records.samples(30, level: 1e6, noise: 0.3, &g), Records.samples(30, level: 2e6, noise: 0.3, &g))
        XCTAssertEqual(doubled.verdict, .regression, doubled.note ?? "")
        XCTAssertLessThan(try XCTUnwrap(doubled.pValue), 1e-6)
        XCTAssertGreaterThan(try XCTUnwrap(doubled.changeLowPercent), 0)
        XCTAssertNil(doubled.note)

        let gzip = time(Records.samples(30, level: 2e6, noise: 0.25, &g), Records.samples(30, level: 10e6, noise: 0.25, &g))
        XCTAssertEqual(gzip.verdict, .regression, gzip.note ?? "")
        XCTAssertGreaterThan(try XCTUnwrap(gzip.changePercent), 300)
        XCTAssertLessThan(try XCTUnwrap(gzip.pValue), 1e-9)

        let halved = time(Records.samples(30, level: 2e6, noise: 0.3, &g), Records.samples(30, level: 1e6, noise: 0.3, &g))
        XCTAssertEqual(halved.verdict, .improvement, halved.note ?? "")
    }

    /// Two modes on both sides that do not overlap at all (+80 %) were `noisy`; sets that barely
    /// overlap get their verdict too. A change of the modes' mix alone stays `noisy`, with the reason.
    func testTwoModesVetoOnlySetsThatOverlap() throws {
        var g = SeededGenerator(seed: 81)
        let base = twoModes(30, level: 1e6, fast: 20, &g)
        let apart = time(base, twoModes(30, level: 1.8e6, fast: 20, &g))
        XCTAssertEqual(apart.verdict, .regression, apart.note ?? "")

        // +32 %: the current fast mode sits 2 % above the baseline's slow one; a few pairs cross.
        let barely = time(base, twoModes(30, level: 1.32e6, fast: 20, &g))
        XCTAssertEqual(barely.verdict, .regression, barely.note ?? "")

        // Same modes, the mix moved from 3:1 fast to 1:3: the median jumps by 30 % and the test
        // is significant, but that is which mode won, not a change of speed.
        let mix = time(twoModes(40, level: 1e6, fast: 30, &g), twoModes(40, level: 1e6, fast: 10, &g))
        XCTAssertLessThan(try XCTUnwrap(mix.pValue), 0.01)
        XCTAssertGreaterThan(try XCTUnwrap(mix.changePercent), 20)
        XCTAssertEqual(mix.verdict, .noisy)
        let note = try XCTUnwrap(mix.note)
        XCTAssertTrue(note.contains("two modes and the sets overlap ("), note)
        XCTAssertTrue(note.hasSuffix("so the medians may only have switched modes"), note)
    }

    /// Three samples a side can never be significant (p ≥ 0.1), but a median 50 % above a
    /// history that held within ±1 % for 12 runs is far outside the run-to-run spread: a verdict.
    func testChangeFarOutsideTheRunToRunSpreadIsAVerdict() throws {
        var g = SeededGenerator(seed: 82)
        let history = (0..<12).map { i in
            Records.run("r\(i)", minute: i, [
                Records.result("x", samples: Records.samples(3, level: 1e6 * (1 + 0.005 * g.nextNormal()), noise: 0.002, &g))
            ])
        }
        let base = history[11].benchmarks[0].samplesNs.map { Double($0) }
        let current = [1.5e6, 1.51e6, 1.49e6]
        let alone = time(base, current)
        XCTAssertEqual(alone.verdict, .noisy)
        let judged = time(base, current, history: history)
        XCTAssertEqual(judged.verdict, .regression)
        let note = try XCTUnwrap(judged.note)
        XCTAssertTrue(note.contains("against the median of the last 12 runs, far outside their spread (±"), note)
        XCTAssertTrue(note.contains("although the samples alone cannot decide: not significant (p = 0.1, α = 0.01)"), note)
        XCTAssertNotNil(judged.reference)
        // A history that wanders by ±40 % does not let 3 samples decide.
        let wild = (0..<12).map { i in
            Records.run("w\(i)", minute: i, [
                Records.result("x", samples: Records.samples(3, level: 1e6 * (1 + 0.4 * g.nextNormal()), noise: 0.002, &g))
            ])
        }
        XCTAssertEqual(time(base, current, history: wild).verdict, .noisy)
    }

    /// Every `noisy` says why (compare's outputs are checked end to end in CompareVerdictTests);
    /// p-values never read "0".
    func testNoisyNotesNameTheReasonAndTinyPValuesStayReadable() throws {
        let three = time([1e6, 1.01e6, 0.99e6], [1.5e6, 1.51e6, 1.49e6])
        XCTAssertEqual(three.verdict, .noisy)
        XCTAssertEqual(
            three.note, "not significant (p = 0.1, α = 0.01): the change is somewhere in +47.5 % … +52.5 % "
                + "(the full range of differences, 90.0 % coverage)")
        // Ten samples spread over ±20 %, the same again 1 % slower: no change to speak of, but
        // the samples could not have told a 10 % one from it.
        let spread: [Double] = [0.8, 0.85, 0.9, 0.95, 1.0, 1.0, 1.05, 1.1, 1.15, 1.2].map { $0 * 1e6 }
        let wide = time(spread, spread.map { $0 * 1.01 })
        XCTAssertEqual(wide.verdict, .noisy)
        XCTAssertTrue(try XCTUnwrap(wide.note).hasPrefix("the change is only known to within "), wide.note ?? "")
        XCTAssertTrue(try XCTUnwrap(wide.note).hasSuffix("(99 % interval), wider than the ±5.0 % threshold"), wide.note ?? "")

        // Many shapes of data: whatever makes a verdict noisy, the note is there.
        var noisy = 0
        for seed in 0..<200 {
            var g = SeededGenerator(seed: UInt64(7_000 + seed))
            let count = [3, 5, 10, 30][seed % 4]
            let noise = [0.01, 0.1, 0.3][seed % 3]
            let change = [0.0, 0.04, 0.08, 0.3][(seed / 4) % 4]
            let metric = time(
                Records.samples(count, level: 1e6, noise: noise, &g),
                Records.samples(count, level: 1e6 * (1 + change), noise: noise, &g))
            if metric.verdict == .noisy {
                noisy += 1
                XCTAssertFalse((metric.note ?? "").isEmpty, "seed \(seed): noisy without a reason")
            }
        }
        XCTAssertGreaterThan(noisy, 20)

        XCTAssertEqual(Format.pValue(2.4e-9), "2.4e-9")
        XCTAssertEqual(Format.pValue(3e-11), "3.0e-11")
        XCTAssertEqual(Format.pValue(0.00042), "4.2e-4")
        XCTAssertEqual(Format.pValue(0.0042), "0.0042")
        XCTAssertEqual(Format.pValue(0.1), "0.1")
        XCTAssertEqual(Format.pValue(0), "<1e-300")
        XCTAssertEqual(Format.pClause(0), "p < 1e-300")
    }
}

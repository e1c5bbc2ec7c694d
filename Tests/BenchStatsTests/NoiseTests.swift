import BenchStats
import XCTest

final class NoiseTests: XCTestCase {
    func testBimodalSampleSetIsNoisy() throws {
        var generator = SeededGenerator(seed: 11)
        // Two humps 30 % apart, each tight (1 %): the median is precise yet meaningless.
        let samples = Synthetic.noisy(30, level: 1_000_000, noise: 0.01, &generator)
            + Synthetic.noisy(20, level: 1_300_000, noise: 0.01, &generator)
        let summary = try XCTUnwrap(Summary(samples.shuffled(using: &generator)))
        let noise = summary.noise(threshold: 0.05)
        XCTAssertTrue(noise.isNoisy)
        XCTAssertTrue(noise.reasons.contains(.bimodal))
        XCTAssertEqual(noise.explanation?.contains("two modes"), true)
    }

    func testModesCloserThanTheThresholdDoNotMatter() throws {
        var generator = SeededGenerator(seed: 12)
        let samples = Synthetic.noisy(30, level: 1_000_000, noise: 0.002, &generator)
            + Synthetic.noisy(30, level: 1_020_000, noise: 0.002, &generator)
        let summary = try XCTUnwrap(Summary(samples))
        XCTAssertFalse(summary.isNoisy(threshold: 0.05))
        XCTAssertTrue(summary.noise(threshold: 0.01).reasons.contains(.bimodal))
    }

    func testUnimodalSetsAreNotCalledBimodal() throws {
        // Normal and right-skewed (log-normal, σ = 0.1) timing noise over many seeds and sizes.
        var flagged = 0
        var trials = 0
        for seed in 0..<200 {
            var generator = SeededGenerator(seed: UInt64(seed))
            for count in [10, 30, 100, 500] {
                let normal = Synthetic.noisy(count, level: 1000, noise: 0.05, &generator)
                let skewed = (0..<count).map { _ in 1000 * MathTestFunctions.exp(0.1 * generator.nextNormal()) }
                for samples in [normal, skewed] {
                    trials += 1
                    let summary = try XCTUnwrap(Summary(samples))
                    if summary.noise(threshold: 0.05).reasons.contains(.bimodal) { flagged += 1 }
                }
            }
        }
        XCTAssertLessThanOrEqual(flagged, trials / 200, "\(flagged) of \(trials) unimodal sets called bimodal")
    }

    func testWideIntervalIsNoisyAndNarrowIsNot() throws {
        var generator = SeededGenerator(seed: 13)
        let wide = try XCTUnwrap(Summary(Synthetic.noisy(10, level: 1000, noise: 0.3, &generator)))
        XCTAssertEqual(wide.noise(threshold: 0.05).reasons, [.wideConfidenceInterval])
        let narrow = try XCTUnwrap(Summary(Synthetic.noisy(50, level: 1000, noise: 0.02, &generator)))
        XCTAssertFalse(narrow.isNoisy(threshold: 0.05))
        XCTAssertLessThan(try XCTUnwrap(narrow.noise(threshold: 0.05).relativeHalfWidth), 0.02)
    }

    func testFewSamplesFallBackToRange() throws {
        XCTAssertTrue(try XCTUnwrap(Summary([100, 200, 150])).isNoisy(threshold: 0.05))
        XCTAssertFalse(try XCTUnwrap(Summary([100, 101, 100.5])).isNoisy(threshold: 0.05))
        XCTAssertFalse(try XCTUnwrap(Summary([100])).isNoisy(threshold: 0.05))
    }
}

import Foundation

enum MathTestFunctions {
    static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    static func log(_ x: Double) -> Double { Foundation.log(x) }
}

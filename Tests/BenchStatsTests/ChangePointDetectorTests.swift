import BenchStats
import Foundation
import XCTest

final class ChangePointDetectorTests: XCTestCase {
    let detector = ChangePointDetector()

    func testTwentyPercentStepIsFoundWithinTwoRunsInEverySeed() throws {
        var errors: [Int] = []
        for seed in 0..<100 {
            let series = Synthetic.stepSeries(count: 200, at: 120, step: 0.20, noise: 0.05, seed: UInt64(seed))
            let steps = detector.detect(series)
            let nearest = try XCTUnwrap(steps.min { abs($0.index - 120) < abs($1.index - 120) }, "seed \(seed)")
            errors.append(nearest.index - 120)
            XCTAssertEqual(steps.count, 1, "seed \(seed): \(steps.map(\.index))")
            XCTAssertEqual(try XCTUnwrap(nearest.relativeChange), 0.20, accuracy: 0.04, "seed \(seed)")
        }
        XCTAssertTrue(errors.allSatisfy { abs($0) <= 2 }, "position errors \(errors)")
        let exact = errors.filter { $0 == 0 }.count
        let late = errors.filter { $0 > 0 }.count
        print("[figures] +20 % step, 5 % noise: exact in \(exact)/100 seeds, max |error| \(errors.map(abs).max() ?? 0), late in \(late)")
    }

    /// Detection delay: how many runs after a +20 % step (5 % noise) the step is reported.
    func testTwentyPercentStepIsReportedWithinAFewRuns() {
        var foundAfter: [Int: Int] = [:]
        for after in 1...10 {
            for seed in 0..<100 {
                let series = Synthetic.stepSeries(count: 200, at: 120, step: 0.20, noise: 0.05, seed: UInt64(seed))
                let seen = Array(series.prefix(120 + after))
                if detector.detect(seen).contains(where: { abs($0.index - 120) <= 2 }) { foundAfter[after, default: 0] += 1 }
            }
        }
        print("[figures] +20 % step found with k runs after it (of 100 seeds): " + (1...10).map { "k=\($0): \(foundAfter[$0] ?? 0)" }.joined(separator: ", "))
        XCTAssertEqual(foundAfter[1] ?? 0, 0, "a single run is never a step (minimum segment length)")
        XCTAssertGreaterThanOrEqual(foundAfter[5] ?? 0, 95)
        var smallAfter: [Int: Int] = [:]
        for after in 1...10 {
            for seed in 0..<100 {
                let series = Synthetic.stepSeries(count: 60, at: 40, step: 0.03, noise: 0.01, seed: UInt64(2000 + seed))
                if detector.detect(Array(series.prefix(40 + after))).contains(where: { abs($0.index - 40) <= 2 }) {
                    smallAfter[after, default: 0] += 1
                }
            }
        }
        print("[figures] +3 % step (1 % noise) found with k runs after it (of 100 seeds): " + (1...10).map { "k=\($0): \(smallAfter[$0] ?? 0)" }.joined(separator: ", "))
        XCTAssertGreaterThanOrEqual(smallAfter[10] ?? 0, 90)
    }

    func testPureNoiseGivesNoChangePointInAtLeast99Of100Seeds() {
        var seedsWithFalseSteps = 0
        for seed in 0..<100 {
            let series = Synthetic.stepSeries(count: 200, at: 200, step: 0, noise: 0.05, seed: UInt64(1000 + seed))
            if !detector.detect(series).isEmpty { seedsWithFalseSteps += 1 }
        }
        print("[figures] pure 5 % noise, 200 runs: change points in \(seedsWithFalseSteps)/100 seeds")
        XCTAssertLessThanOrEqual(seedsWithFalseSteps, 1)
    }

    func testSmallStepInQuietSeriesIsFound() throws {
        var errors: [Int] = []
        var seedsWithExtraSteps = 0
        for seed in 0..<100 {
            let series = Synthetic.stepSeries(count: 60, at: 40, step: 0.03, noise: 0.01, seed: UInt64(2000 + seed))
            let steps = detector.detect(series)
            if steps.count > 1 { seedsWithExtraSteps += 1 }
            if let nearest = steps.min(by: { abs($0.index - 40) < abs($1.index - 40) }) { errors.append(nearest.index - 40) }
        }
        XCTAssertEqual(errors.count, 100, "the step was missed in some seeds")
        XCTAssertTrue(errors.allSatisfy { abs($0) <= 2 }, "\(errors)")
        XCTAssertLessThanOrEqual(seedsWithExtraSteps, 2)
        print("[figures] +3 % step, 1 % noise, 60 runs: found in \(errors.count)/100, exact \(errors.filter { $0 == 0 }.count), max |error| \(errors.map(abs).max() ?? 0), extra steps in \(seedsWithExtraSteps)")
    }

    func testStepAtTheNewestRunsIsFoundOnceTheSegmentIsLongEnough() throws {
        let series = Synthetic.stepSeries(count: 104, at: 100, step: 0.25, noise: 0.03, seed: 5)
        let step = try XCTUnwrap(detector.detect(series).last)
        XCTAssertEqual(step.index, 100)
    }

    func testLoneOutlierIsNotAStep() {
        var series = Synthetic.stepSeries(count: 100, at: 100, step: 0, noise: 0.02, seed: 9)
        series[50] *= 2
        XCTAssertEqual(detector.detect(series), [])
    }

    func testTwoStepsAndARecovery() throws {
        var generator = SeededGenerator(seed: 21)
        let levels = [Double](repeating: 100, count: 50) + [Double](repeating: 130, count: 50)
            + [Double](repeating: 100, count: 50)
        let series = levels.map { $0 * (1 + 0.03 * generator.nextNormal()) }
        let steps = detector.detect(series)
        XCTAssertEqual(steps.count, 2)
        XCTAssertEqual(Double(steps.first?.index ?? 0), 50, accuracy: 2)
        XCTAssertEqual(Double(steps.last?.index ?? 0), 100, accuracy: 2)
        XCTAssertLessThan(try XCTUnwrap(steps.last?.relativeChange), -0.15)
    }

    func testFlatAndShortSeries() {
        XCTAssertEqual(detector.detect([Double](repeating: 42, count: 100)), [])
        XCTAssertEqual(detector.detect([1, 2, 3]), [])
        let stairs = [Double](repeating: 4096, count: 20) + [Double](repeating: 8192, count: 20)
        XCTAssertEqual(detector.detect(stairs).map(\.index), [20])
    }

    /// 30 series of 1000 points in a debug build; the release figure for 100 × 1000 is in the report.
    /// A long series costs what its length predicts, not a blow-up: four times the points may
    /// cost at most 40× the time (16× is quadratic), so a cubic detector fails while a busy
    /// machine, which slows both lengths alike, does not.
    func testLongSeriesStayFast() {
        func timed(count: Int, at step: Int) -> (seconds: Double, found: Int) {
            let series = (0..<30).map { seed in
                Synthetic.stepSeries(count: count, at: step, step: seed % 2 == 0 ? 0.1 : 0, noise: 0.05, seed: UInt64(seed))
            }
            let started = Date()
            var found = 0
            for values in series { found += detector.detect(values).count }
            return (Date().timeIntervalSince(started), found)
        }
        let short = timed(count: 250, at: 175)
        let long = timed(count: 1000, at: 700)
        print("[figures] change points over 30 × 250 / 30 × 1000 points (debug): \(String(format: "%.3f", short.seconds)) s / \(String(format: "%.3f", long.seconds)) s")
        XCTAssertEqual(long.found, 15)
        XCTAssertLessThan(long.seconds, max(short.seconds, 0.05) * 40)
    }

    func testGeneratorIsDeterministic() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        var c = SeededGenerator(seed: 1)
        let normals = (0..<20_000).map { _ in c.nextNormal() }
        let mean = normals.reduce(0, +) / Double(normals.count)
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(normals.count - 1)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.04)
    }
}

import BenchRunner
import Foundation
import XCTest

/// Short swift benchmarks run by real worker processes: timed in batches, they measure their own
/// work and not the clock, their times scale with their work, and the run records the clock's cost.
/// Every figure is compared with another one measured in the same test, so a slow or busy machine
/// moves both.
final class ClockBatchingRunTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        cli.cleanUp()
    }

    private func median(_ benchmark: [String: Any]) throws -> Double {
        let samples = try XCTUnwrap(benchmark["samplesNs"] as? [Int]).sorted()
        XCTAssertFalse(samples.isEmpty)
        return Double(samples[samples.count / 2])
    }

    /// The worker itself, as the run starts it, with its result channel on stdout.
    private func worker(_ arguments: [String]) throws -> WorkerStream.Reading {
        let result = try cli.run(["worker"] + arguments, environment: ["BENCHBOARD_RESULT_FD": "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return WorkerStream.read(result.stdout.split(separator: "\n").map(String.init))
    }

    /// An empty closure in a worker: in batches, the clock read is gone from every sample, against
    /// the figure the same worker gives when each iteration is timed alone. The clock's cost is
    /// measured here and handed to both, as the run hands it to its workers. (The test build is
    /// a debug build, where the library's call into an empty closure itself costs tens of ns; in
    /// a release build the batched figure is about 1 ns.)
    func testAnEmptyClosureInAWorkerReadsItsOwnTimeNotTheClock() throws {
        let clockCost = ClockCost.measure()
        let arguments = ["noop", "--warmup", "3", "--iterations", "2000", "--clock-cost-ns", String(clockCost)]
        let batched = try XCTUnwrap(worker(arguments).report)
        let alone = try XCTUnwrap(worker(arguments + ["--no-batching"]).report)
        XCTAssertEqual(batched.samplesNs.count, 2_000)
        XCTAssertGreaterThan(batched.batchSize, 100)
        XCTAssertEqual(alone.batchSize, 1)
        let (withBatches, single) = (Double(batched.samplesNs.sorted()[1_000]), Double(alone.samplesNs.sorted()[1_000]))
        let figures = "batched \(withBatches) ns, one at a time \(single) ns, clock \(clockCost) ns"
        XCTAssertGreaterThanOrEqual(single - withBatches, clockCost / 2, figures)
    }

    /// A run records the clock's cost; short benchmarks record their batch size, and a loop of
    /// 1, 4 and 16 units of work takes time in proportion above the empty closure's. Each is run
    /// in five workers, interleaved (empty, 1, 4, 16, empty, …), and its figure is the median of
    /// their medians, so a machine whose load changes during the run slows all of them alike. The
    /// same unit as 16 inner iterations reads per inner iteration, and the result line says so.
    func testShortBenchmarksScaleWithTheirWork() throws {
        let kinds = ["noop", "loop-1x", "loop-4x", "loop-16x"]
        var config = "[defaults]\nwarmup = 3\niterations = 300\n"
        for round in 1...5 {
            for kind in kinds { config += "[[benchmark]]\nname = \"\(kind) #\(round)\"\nswift = \(tomlString(kind))\n" }
        }
        config += "[[benchmark]]\nname = \"scaled\"\nswift = \"loop-1x-scaled-16\"\n"
        try cli.write("config.toml", config)
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let run = try XCTUnwrap(cli.historyRuns().last)
        let clockCost = try XCTUnwrap(run["clockCostNs"] as? Double)
        XCTAssertGreaterThan(clockCost, 0)
        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.count, 21)
        for benchmark in benchmarks {
            XCTAssertEqual(benchmark["mode"] as? String, "isolated")
            XCTAssertGreaterThan(try XCTUnwrap(benchmark["batchSize"] as? Int), 1, "\(benchmark["name"] ?? "")")
        }
        func figure(_ kind: String) throws -> Double {
            let medians = try benchmarks.filter { ($0["name"] as? String)?.hasPrefix(kind + " #") == true }.map(median)
            XCTAssertEqual(medians.count, 5)
            return medians.sorted()[2]
        }
        let (empty, one, four, sixteen) = try (figure("noop"), figure("loop-1x"), figure("loop-4x"), figure("loop-16x"))
        let scaledResult = try XCTUnwrap(benchmarks.last)
        let scaled = try median(scaledResult)
        let figures = "noop \(empty), 1× \(one), 4× \(four), 16× \(sixteen), 16 inner \(scaled) ns; clock \(clockCost) ns"
        // One unit's cost from the long loop; the 4-unit loop lies on the same line (3/15 of the
        // way from 1 to 16 units), and the 1-unit loop shows above the empty closure. With each
        // unit timed alone the clock's cost would be most of the short loops' figures.
        let slope = (sixteen - one) / 15
        XCTAssertGreaterThan(slope, 0, figures)
        XCTAssertTrue((0.1...0.4).contains((four - one) / (sixteen - one)), figures)
        XCTAssertGreaterThan(one, empty, figures)
        // The scaled one is divided by its 16 inner iterations, each at least a unit of work.
        XCTAssertEqual(scaledResult["scalingFactor"] as? Int, 16)
        XCTAssertNil(benchmarks[3]["scalingFactor"] as? Int)
        XCTAssertLessThan(scaled, sixteen / 4, figures)
        XCTAssertGreaterThan(scaled, slope / 2, figures)
        let line = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.contains("scaled") })
        XCTAssertTrue(line.contains("per inner iteration (× 16)"), String(line))
        print("clock batching figures: " + figures)
    }
}

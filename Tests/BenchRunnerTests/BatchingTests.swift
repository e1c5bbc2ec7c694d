import Synchronization

#if canImport(Glibc)
import Glibc
#endif
import XCTest

@testable import BenchRunner

/// Short swift benchmarks are timed in batches, so their samples measure the benchmark and not
/// the clock; long ones, and those that measure themselves, are timed one call a sample as before.
final class BatchingTests: XCTestCase {
    /// A closure that does nothing: what its samples read is the harness's own cost.
    final class EmptyBenchmark: SwiftBenchmark {
        let name = "empty"
        func setUp() throws {}
        func runIteration() throws -> UInt64? { nil }
        func tearDown() throws {}
    }

    /// Counts its calls; each reports a fixed time of its own, or sleeps.
    final class ScriptedBenchmark: SwiftBenchmark {
        let name = "scripted"
        let scalingFactor: Int
        let maxIterations: Int?
        private let selfMeasuredNs: UInt64?
        private let sleepUs: UInt32
        private let calls = Mutex(0)

        init(selfMeasuredNs: UInt64? = nil, sleepUs: UInt32 = 0, scalingFactor: Int = 1, maxIterations: Int? = nil) {
            self.selfMeasuredNs = selfMeasuredNs
            self.sleepUs = sleepUs
            self.scalingFactor = scalingFactor
            self.maxIterations = maxIterations
        }

        var count: Int { calls.withLock { $0 } }
        func setUp() throws {}
        func runIteration() throws -> UInt64? {
            calls.withLock { $0 += 1 }
            if sleepUs > 0 { usleep(sleepUs) }
            return selfMeasuredNs
        }
        func tearDown() throws {}
    }

    private func median(_ samples: [Int64]) -> Int64 {
        samples.sorted()[samples.count / 2]
    }

    /// The empty closure: timed one call a sample it reads the clock (tens of ns on a virtual
    /// machine); timed in batches, the harness's own loop. Both are measured here, one after the
    /// other, with the clock's cost, so a slow or busy machine moves all three. (In a release
    /// build the batched figure is about 1 ns; this test runs a debug build, where the call
    /// itself costs a few ns more, so it is held to the clock's cost rather than to a number.)
    func testAnEmptyClosureMeasuresItselfNotTheClock() throws {
        let clockCost = ClockCost.measure()
        let benchmark = EmptyBenchmark()
        let batched = try IterationEngine.measure(
            benchmark, settings: IterationSettings(warmup: 3, iterations: 2_000, minTimeNs: nil, clockCostNs: clockCost))
        let single = try IterationEngine.measure(
            benchmark,
            settings: IterationSettings(warmup: 3, iterations: 2_000, minTimeNs: nil, clockCostNs: clockCost, batching: false))
        XCTAssertEqual(batched.samplesNs.count, 2_000, "iterations counts samples")
        XCTAssertEqual(single.batchSize, 1)
        XCTAssertGreaterThan(batched.batchSize, 100, "a sample of at least 10 µs holds thousands of empty calls")
        let (withBatches, alone) = (Double(median(batched.samplesNs)), Double(median(single.samplesNs)))
        let figures = "batched: \(withBatches) ns, alone: \(alone) ns, clock: \(clockCost) ns"
        XCTAssertLessThanOrEqual(withBatches, clockCost / 2, "the clock is no longer in the sample: " + figures)
        XCTAssertGreaterThanOrEqual(alone - withBatches, clockCost / 2, "batching took the clock read out: " + figures)
    }

    /// A batch lasts at least the target the clock's cost sets, and the clock's cost is in a
    /// plausible range for a monotonic clock.
    func testABatchLastsTheTargetTheClockSets() throws {
        let clockCost = ClockCost.measure()
        XCTAssertGreaterThan(clockCost, 0.01)
        XCTAssertLessThan(clockCost, 100_000, "a clock read of 0.1 ms would be a broken clock")
        let report = try IterationEngine.measure(
            EmptyBenchmark(), settings: IterationSettings(warmup: 0, iterations: 200, minTimeNs: nil, clockCostNs: clockCost))
        let target = BatchSizing.targetNs(clockCostNs: clockCost)
        // The median batch lasts about the target; a slow machine only makes batches shorter in
        // calls, never in time, so half the target is a bound noise cannot break.
        let batchNs = Double(median(report.samplesNs)) * Double(report.batchSize)
        XCTAssertGreaterThanOrEqual(batchNs + Double(report.batchSize) / 2, Double(target) / 2, "\(report.batchSize) calls")
    }

    func testTheTargetIsAThousandClockReadsBetween10MicrosecondsAnd1Millisecond() {
        XCTAssertEqual(BatchSizing.targetNs(clockCostNs: 25), 25_000)
        XCTAssertEqual(BatchSizing.targetNs(clockCostNs: 1.5), 10_000)
        XCTAssertEqual(BatchSizing.targetNs(clockCostNs: 4_000), 1_000_000)
        XCTAssertEqual(BatchSizing.targetNs(clockCostNs: .infinity), 1_000_000)
        XCTAssertEqual(BatchSizing.targetNs(clockCostNs: .nan), 1_000_000)
        // google-benchmark's growth: tenfold while under a tenth of the target, then scaled to it.
        XCTAssertEqual(BatchSizing.nextTrial(size: 10, elapsedNs: 999, targetNs: 20_000), 100)
        XCTAssertNil(BatchSizing.nextTrial(size: 10, elapsedNs: 2_000, targetNs: 20_000))
        XCTAssertEqual(BatchSizing.batchSize(trialSize: 100, elapsedNs: 3_000, targetNs: 20_000), 667)
        XCTAssertEqual(BatchSizing.batchSize(trialSize: 1, elapsedNs: 50_000, targetNs: 20_000), 1)
        XCTAssertEqual(BatchSizing.batchSize(trialSize: 1_000_000_000, elapsedNs: 0, targetNs: 20_000), BatchSizing.maximumBatchSize)
        XCTAssertNil(BatchSizing.nextTrial(size: BatchSizing.maximumBatchSize, elapsedNs: 0, targetNs: 20_000))
    }

    func testASampleIsTheBatchTimePerInnerIterationRounded() {
        XCTAssertEqual(IterationEngine.perIteration(10_499, divisor: 1_000), 10)
        XCTAssertEqual(IterationEngine.perIteration(10_500, divisor: 1_000), 11)
        XCTAssertEqual(IterationEngine.perIteration(7, divisor: 1), 7)
        XCTAssertEqual(IterationEngine.perIteration(UInt64.max, divisor: 1), Int64.max)
        XCTAssertEqual(SampleScale(batchSize: 1 << 40, scalingFactor: 1 << 40).divisor, UInt64.max)
        XCTAssertEqual(SampleScale(batchSize: 0, scalingFactor: -3), .single)
    }

    /// A benchmark that times itself (startMeasurement/stopMeasurement, an async closure) keeps
    /// its own samples, one call each, and runs no call more than it was asked for.
    func testABenchmarkThatMeasuresItselfIsNotBatched() throws {
        let benchmark = ScriptedBenchmark(selfMeasuredNs: 1_000)
        let report = try IterationEngine.measure(benchmark, settings: IterationSettings(warmup: 2, iterations: 5, minTimeNs: nil))
        XCTAssertEqual(report.batchSize, 1)
        XCTAssertEqual(report.samplesNs, [1_000, 1_000, 1_000, 1_000, 1_000])
        XCTAssertEqual(benchmark.count, 7)
        let cold = ScriptedBenchmark(selfMeasuredNs: 1_000)
        XCTAssertEqual(try IterationEngine.measure(cold, settings: IterationSettings(warmup: 0, iterations: 5, minTimeNs: nil)).samplesNs.count, 5)
        XCTAssertEqual(cold.count, 5, "the calibration's first call is the first sample")
    }

    /// A long iteration is timed alone; without a warm-up the calibration's iterations are the
    /// first samples, so a 10-second benchmark asked for one iteration runs once.
    func testALongBenchmarkRunsNoExtraIteration() throws {
        let settings = IterationSettings(warmup: 0, iterations: 1, minTimeNs: nil, clockCostNs: 20)
        let once = ScriptedBenchmark(sleepUs: 2_000)
        let report = try IterationEngine.measure(once, settings: settings)
        XCTAssertEqual(report.batchSize, 1)
        XCTAssertEqual(report.samplesNs.count, 1)
        XCTAssertEqual(once.count, 1)
        XCTAssertGreaterThanOrEqual(report.samplesNs.first ?? 0, 2_000_000)
        let warmed = ScriptedBenchmark(sleepUs: 2_000)
        let three = try IterationEngine.measure(warmed, settings: IterationSettings(warmup: 2, iterations: 3, minTimeNs: nil, clockCostNs: 20))
        XCTAssertEqual(three.samplesNs.count, 3)
        XCTAssertEqual(warmed.count, 5, "two warm-up calls of 2 ms show it long: no calibration call")
        let cold = ScriptedBenchmark(sleepUs: 2_000)
        _ = try IterationEngine.measure(cold, settings: IterationSettings(warmup: 0, iterations: 3, minTimeNs: nil, clockCostNs: 20))
        XCTAssertEqual(cold.count, 3)
    }

    /// A scaling factor divides each sample: 5 ms for 1000 inner iterations is 5 µs each.
    func testSamplesArePerInnerIteration() throws {
        let benchmark = ScriptedBenchmark(selfMeasuredNs: 5_000_000, scalingFactor: 1_000)
        let report = try IterationEngine.measure(benchmark, settings: IterationSettings(warmup: 1, iterations: 3, minTimeNs: nil))
        XCTAssertEqual(report.samplesNs, [5_000, 5_000, 5_000])
        XCTAssertEqual(report.scale, SampleScale(batchSize: 1, scalingFactor: 1_000))
    }

    /// `iterations`, `min_time_ms`, `maxIterations` and `max_duration_ms` count samples: each
    /// sample of a short benchmark is one batch.
    func testTheBudgetsCountSamples() throws {
        let short = ScriptedBenchmark()
        let report = try IterationEngine.measure(short, settings: IterationSettings(warmup: 0, iterations: 40, minTimeNs: nil, clockCostNs: 20))
        XCTAssertEqual(report.samplesNs.count, 40)
        XCTAssertGreaterThan(report.batchSize, 1)
        XCTAssertGreaterThanOrEqual(short.count, 40 * report.batchSize)
        let capped = ScriptedBenchmark(maxIterations: 7)
        XCTAssertEqual(
            try IterationEngine.measure(capped, settings: IterationSettings(warmup: 0, iterations: 1, minTimeNs: 5_000_000_000, clockCostNs: 20))
                .samplesNs.count, 7)
        // min_time_ms sums the batches: the samples, times their batch size, add up to it.
        let timed = try IterationEngine.measure(
            ScriptedBenchmark(), settings: IterationSettings(warmup: 0, iterations: 40, minTimeNs: 20_000_000, clockCostNs: 20))
        XCTAssertGreaterThanOrEqual(timed.samplesNs.count, 40)
        let measuredNs = Double(timed.samplesNs.reduce(0, +)) * Double(timed.batchSize)
        XCTAssertGreaterThanOrEqual(measuredNs + Double(timed.samplesNs.count * timed.batchSize), 20_000_000)
        let budgeted = try IterationEngine.measure(
            ScriptedBenchmark(),
            settings: IterationSettings(warmup: 0, iterations: 1_000_000, minTimeNs: nil, maxDurationNs: 20_000_000, clockCostNs: 20))
        XCTAssertTrue(budgeted.stoppedByDuration)
        XCTAssertLessThan(budgeted.samplesNs.count, 1_000_000)
    }

    /// The worker says what a sample is before its first samples, so a reader of a worker that
    /// crashed later still knows; the summary's report carries it too.
    func testTheWorkerStreamCarriesTheScale() {
        let scale = SampleScale(batchSize: 640, scalingFactor: 16)
        let report = WorkerReport(samplesNs: [3, 4], benchmarkNs: 9, peakMemoryGrowthBytes: nil, batchSize: 640, scalingFactor: 16)
        let lines = [WorkerStream.scaleLine(scale), WorkerStream.samplesLine([3, 4]), WorkerStream.summaryLine(report)]
        XCTAssertEqual(WorkerStream.read(lines).report, report)
        let crashed = WorkerStream.read(Array(lines.prefix(2)))
        XCTAssertNil(crashed.report)
        XCTAssertEqual(crashed.scale, scale)
        XCTAssertEqual(crashed.samplesNs, [3, 4])
        XCTAssertEqual(WorkerStream.read([WorkerStream.samplesLine([5])]).scale, .single)
    }

    func testTheWorkerIsHandedTheClockCost() throws {
        let invocation = WorkerInvocation(name: "noop", warmup: 1, iterations: 9, clockCostNs: 21.5)
        let parsed = try WorkerInvocation(parsing: Array(invocation.arguments.dropFirst()))
        XCTAssertEqual(parsed, invocation)
        XCTAssertEqual(parsed.settings.clockCostNs, 21.5)
        XCTAssertTrue(parsed.settings.batching)
        let off = try WorkerInvocation(parsing: ["noop", "--no-batching", "--clock-cost-ns", "-4"])
        XCTAssertFalse(off.settings.batching)
        XCTAssertNil(off.clockCostNs, "a cost that is not positive is measured by the worker")
    }
}

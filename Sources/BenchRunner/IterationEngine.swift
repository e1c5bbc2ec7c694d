import BenchIsolation

/// Runs a swift benchmark: setup, warm-up, calibration, measured iterations, teardown. The same
/// code runs in the worker process and in-process, so both modes measure alike.
///
/// Each sample is one measured iteration of `iterations`. A short benchmark's sample times a batch
/// of calls (`+Batching`, `BatchSizing`) and records the batch's time per call; with a
/// `scalingFactor` it is divided further, per inner iteration. `iterations`, `min_time_ms`,
/// `max_duration_ms` and `maxIterations` count samples, so a batch never outlives a budget by
/// more than one sample (at most 1 ms).
public enum IterationEngine {
    /// Receives measured samples as they are taken, in order, in small groups.
    public typealias SampleSink = (ArraySlice<Int64>) -> Void

    /// Samples are handed to the sink at least this often (and at the end), so a benchmark that
    /// hangs or crashes later loses at most the samples of its last millisecond.
    public static let sinkIntervalNs: UInt64 = 1_000_000

    /// - Parameter shouldStop: polled between iterations, so an interrupt ends an in-process run early.
    /// - Parameter sink: called with new samples as they are taken (the worker streams them on fd 3).
    /// - Parameter calibrated: told what a sample is (batch size, scaling factor) before the first
    ///   samples reach the sink, so a reader that gets no summary still knows.
    public static func measure(
        _ benchmark: any SwiftBenchmark, settings: IterationSettings, shouldStop: () -> Bool = { false },
        sink: SampleSink? = nil, calibrated: ((SampleScale) -> Void)? = nil
    ) throws -> WorkerReport {
        // Time in the benchmark's own code; the memory probes and the sink are isolation's cost.
        var benchmarkNs: UInt64 = 0
        var started = MonotonicClock.now()
        try benchmark.setUp()
        benchmarkNs &+= MonotonicClock.now() - started
        // Memory is tracked from before the first warm-up iteration: an allocation benchmark
        // allocates in its warm-up and reuses the memory afterwards.
        let canTrackPeak = ProcessMemory.resetPeak()
        let beforeWarmup = canTrackPeak ? ProcessMemory.snapshot() : nil
        started = MonotonicClock.now()
        // Each warm-up iteration is timed: the calibration needs no iteration of its own for a
        // benchmark whose warm-up shows it long.
        var warmupTimes: [BatchTime] = []
        warmupTimes.reserveCapacity(min(max(0, settings.warmup), 64))
        for _ in 0..<settings.warmup where !shouldStop() {
            let time = try timeBatch(benchmark, count: 1)
            if warmupTimes.count < 64 { warmupTimes.append(time) }
        }
        // Nothing is measured before it: the budget of max_duration_ms covers the calibration
        // (a few times one sample's target), whose single long iterations may become samples.
        let measuringSince = MonotonicClock.now()
        let calibration = try calibrate(benchmark, settings: settings, warmup: warmupTimes, shouldStop: shouldStop)
        let scale = SampleScale(batchSize: calibration.batchSize, scalingFactor: benchmark.scalingFactor)
        benchmarkNs &+= MonotonicClock.now() - started
        calibrated?(scale)
        // The growth of the measured iterations alone is kept too: it is what earlier runs recorded.
        var warmupPeak: UInt64?
        var beforeMeasuring = beforeWarmup
        if canTrackPeak && settings.warmup > 0 {
            warmupPeak = ProcessMemory.peakBytes()
            _ = ProcessMemory.resetPeak()
            beforeMeasuring = ProcessMemory.snapshot()
        }

        var samples: [Int64] = []
        samples.reserveCapacity(min(max(0, settings.iterations), IterationSettings.maximumIterations))
        let divisor = scale.divisor
        let cap = min(IterationSettings.maximumIterations, benchmark.maxIterations ?? .max)
        var measured: UInt64 = 0
        for ns in calibration.firstSamplesNs.prefix(cap) {
            samples.append(perIteration(ns, divisor: divisor))
            measured &+= ns
        }
        var handedOver = 0
        let budget = settings.maxDurationNs ?? benchmark.maxDurationNs
        var stoppedByDuration = false
        let loopStarted = MonotonicClock.now()
        var lastHandOver = loopStarted
        var sinkNs: UInt64 = 0
        while !shouldStop() {
            let enough = samples.count >= settings.iterations && measured >= (settings.minTimeNs ?? 0)
            if enough || samples.count >= cap { break }
            if let budget, !samples.isEmpty, MonotonicClock.now() - measuringSince >= budget {
                stoppedByDuration = true
                break
            }
            let batch: BatchTime
            do {
                batch = try timeBatch(benchmark, count: scale.batchSize)
            } catch {
                // The samples taken so far are kept with the failure.
                if let sink, handedOver < samples.count { sink(samples[handedOver...]) }
                throw error
            }
            let after = MonotonicClock.now()
            samples.append(perIteration(batch.ns, divisor: divisor))
            measured &+= batch.ns
            if let sink, after - lastHandOver >= sinkIntervalNs {
                sink(samples[handedOver...])
                handedOver = samples.count
                lastHandOver = MonotonicClock.now()
                sinkNs &+= lastHandOver - after
            }
        }
        benchmarkNs &+= (MonotonicClock.now() - loopStarted) &- sinkNs
        if let sink, handedOver < samples.count { sink(samples[handedOver...]) }

        var growth: UInt64?
        var growthWithWarmup: UInt64?
        if canTrackPeak, let end = ProcessMemory.snapshot() {
            if let beforeMeasuring {
                growth = ProcessMemory.growth(from: beforeMeasuring, to: end, peak: end.peakBytes)
            }
            if let beforeWarmup {
                let peak = max(end.peakBytes, warmupPeak ?? 0)
                growthWithWarmup = ProcessMemory.growth(from: beforeWarmup, to: end, peak: peak)
            }
        }
        started = MonotonicClock.now()
        try benchmark.tearDown()
        benchmarkNs &+= MonotonicClock.now() - started
        return WorkerReport(
            samplesNs: samples, benchmarkNs: benchmarkNs, peakMemoryGrowthBytes: growth,
            peakMemoryGrowthWithWarmupBytes: growthWithWarmup, stoppedByDuration: stoppedByDuration,
            batchSize: scale.batchSize, scalingFactor: scale.scalingFactor)
    }
}

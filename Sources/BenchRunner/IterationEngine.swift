import BenchIsolation

/// Runs a swift benchmark: setup, warm-up, measured iterations, teardown. The same code runs in
/// the worker process and in-process, so both modes measure alike.
public enum IterationEngine {
    /// Receives measured samples as they are taken, in order, in small groups.
    public typealias SampleSink = (ArraySlice<Int64>) -> Void

    /// Samples are handed to the sink at least this often (and at the end), so a benchmark that
    /// hangs or crashes later loses at most the samples of its last millisecond.
    public static let sinkIntervalNs: UInt64 = 1_000_000

    /// - Parameter shouldStop: polled between iterations, so an interrupt ends an in-process run early.
    /// - Parameter sink: called with new samples as they are taken (the worker streams them on fd 3).
    public static func measure(
        _ benchmark: any SwiftBenchmark, settings: IterationSettings, shouldStop: () -> Bool = { false },
        sink: SampleSink? = nil
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
        for _ in 0..<settings.warmup where !shouldStop() {
            _ = try benchmark.runIteration()
        }
        benchmarkNs &+= MonotonicClock.now() - started
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
        var measured: UInt64 = 0
        var handedOver = 0
        let budget = settings.maxDurationNs ?? benchmark.maxDurationNs
        var stoppedByDuration = false
        let measuringSince = MonotonicClock.now()
        var lastHandOver = measuringSince
        var sinkNs: UInt64 = 0
        let cap = min(IterationSettings.maximumIterations, benchmark.maxIterations ?? .max)
        while !shouldStop() {
            let enough = samples.count >= settings.iterations && measured >= (settings.minTimeNs ?? 0)
            if enough || samples.count >= cap { break }
            let before = MonotonicClock.now()
            if let budget, !samples.isEmpty, before - measuringSince >= budget {
                stoppedByDuration = true
                break
            }
            let selfMeasured: UInt64?
            do {
                selfMeasured = try benchmark.runIteration()
            } catch {
                // The samples taken so far are kept with the failure.
                if let sink, handedOver < samples.count { sink(samples[handedOver...]) }
                throw error
            }
            let after = MonotonicClock.now()
            let elapsed = selfMeasured ?? (after - before)
            samples.append(Int64(clamping: elapsed))
            measured &+= elapsed
            if let sink, after - lastHandOver >= sinkIntervalNs {
                sink(samples[handedOver...])
                handedOver = samples.count
                lastHandOver = MonotonicClock.now()
                sinkNs &+= lastHandOver - after
            }
        }
        benchmarkNs &+= (MonotonicClock.now() - measuringSince) &- sinkNs
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
            peakMemoryGrowthWithWarmupBytes: growthWithWarmup, stoppedByDuration: stoppedByDuration)
    }
}

import BenchIsolation

/// Runs a swift benchmark: setup, warm-up, measured iterations, teardown. The same code runs in
/// the worker process and in-process, so both modes measure alike.
public enum IterationEngine {
    /// - Parameter shouldStop: polled between iterations, so an interrupt ends an in-process run early.
    public static func measure(
        _ benchmark: any SwiftBenchmark, settings: IterationSettings, shouldStop: () -> Bool = { false }
    ) throws -> WorkerReport {
        let started = MonotonicClock.now()
        try benchmark.setUp()
        for _ in 0..<settings.warmup where !shouldStop() {
            _ = try benchmark.runIteration()
        }
        // The peak is reset after the warm-up so one-time allocations (caches, lazy globals)
        // do not count as the benchmark's memory growth.
        let canTrackPeak = ProcessMemory.resetPeak()
        let residentBefore = canTrackPeak ? ProcessMemory.residentBytes() : nil

        var samples: [Int64] = []
        samples.reserveCapacity(min(max(0, settings.iterations), IterationSettings.maximumIterations))
        var measured: UInt64 = 0
        let cap = min(IterationSettings.maximumIterations, benchmark.maxIterations ?? .max)
        while !shouldStop() {
            let enough = samples.count >= settings.iterations && measured >= (settings.minTimeNs ?? 0)
            if enough || samples.count >= cap { break }
            let before = MonotonicClock.now()
            let selfMeasured = try benchmark.runIteration()
            let elapsed = selfMeasured ?? (MonotonicClock.now() - before)
            samples.append(Int64(clamping: elapsed))
            measured &+= elapsed
        }

        var growth: UInt64?
        if let residentBefore, let peak = ProcessMemory.peakBytes() {
            growth = peak > residentBefore ? peak - residentBefore : 0
        }
        try benchmark.tearDown()
        return WorkerReport(
            samplesNs: samples, benchmarkNs: MonotonicClock.now() - started, peakMemoryGrowthBytes: growth)
    }
}

import CCallgrind

extension IterationEngine {
    /// Runs a swift benchmark under callgrind for `metric = "instructions"`: setup, warm-up, then
    /// each measured iteration with instruction collection switched on around the closure call
    /// alone and its count dumped to a file of its own (read by the runner after the worker ends).
    ///
    /// What is counted: the whole `runIteration()` call, the benchmark's own body with the
    /// library's call into it; not the clock reads, the loop, setup, warm-up or teardown.
    /// `startMeasurement()`/`stopMeasurement()` narrow the time sample only. `min_time_ms` does
    /// not apply: a count does not grow more certain with more iterations.
    public static func countInstructions(_ benchmark: any SwiftBenchmark, settings: IterationSettings) throws
        -> WorkerReport
    {
        let started = MonotonicClock.now()
        try benchmark.setUp()
        // Instrumenting from here on (not from the start of the process) keeps the worker's own
        // start-up fast; the warm-up then translates the benchmark's code before it is counted.
        benchboard_callgrind_start_instrumentation()
        for _ in 0..<settings.warmup {
            _ = try benchmark.runIteration()
        }
        var samples: [Int64] = []
        samples.reserveCapacity(settings.iterations)
        for _ in 0..<settings.iterations {
            let before = MonotonicClock.now()
            benchboard_callgrind_toggle_collect()
            let selfMeasured = try benchmark.runIteration()
            benchboard_callgrind_toggle_collect()
            let elapsed = selfMeasured ?? (MonotonicClock.now() - before)
            benchboard_callgrind_dump_stats()
            samples.append(Int64(clamping: elapsed))
        }
        try benchmark.tearDown()
        return WorkerReport(samplesNs: samples, benchmarkNs: MonotonicClock.now() - started, peakMemoryGrowthBytes: nil)
    }
}

extension IterationEngine {
    /// What the calibration found: the batch size, and the samples it already measured.
    struct Calibration {
        var batchSize: Int
        /// Single iterations the calibration timed that each lasted a sample's target (or
        /// measured themselves): with a batch size of 1 they are samples like any other, so a
        /// long benchmark without a warm-up runs no iteration more than it was asked for.
        var firstSamplesNs: [UInt64] = []
    }

    /// A timed batch: the nanoseconds, and whether the benchmark measured them itself.
    struct BatchTime {
        var ns: UInt64
        var selfMeasured: Bool
    }

    /// Times `count` calls of the benchmark back to back: the time they measured themselves
    /// (`startMeasurement()`/`stopMeasurement()`, an async closure's task) summed when any did,
    /// else the wall time of the whole batch. The benchmark runs the loop itself
    /// (`runIterations`), so a batch pays for one clock read and one dynamic call however many
    /// calls it holds.
    @inline(__always)
    static func timeBatch(_ benchmark: any SwiftBenchmark, count: Int) throws -> BatchTime {
        let before = MonotonicClock.now()
        let selfMeasured = try benchmark.runIterations(count)
        let after = MonotonicClock.now()
        return BatchTime(ns: selfMeasured ?? (after &- before), selfMeasured: selfMeasured != nil)
    }

    /// Finds how many iterations one sample times (see `BatchSizing`), after the warm-up.
    ///
    /// One iteration a sample, as before batching, when batching is off or the benchmark measures
    /// itself (its samples are its own), and when two single iterations (the warm-up's count)
    /// each lasted at least the target: the shortest is taken, since noise only ever adds time.
    /// Without two warm-up iterations, single iterations are timed here, and kept as samples
    /// when they turn out to be long.
    ///
    /// Otherwise the batch grows tenfold from 1 until it lasts a tenth of the target, then is
    /// scaled to the target; each trial runs twice and the shorter counts, so one interrupt does
    /// not shrink the batch.
    static func calibrate(
        _ benchmark: any SwiftBenchmark, settings: IterationSettings, warmup: [BatchTime], shouldStop: () -> Bool
    ) throws -> Calibration {
        guard settings.batching, !warmup.contains(where: \.selfMeasured) else { return Calibration(batchSize: 1) }
        let targetNs = BatchSizing.targetNs(clockCostNs: settings.clockCostNs ?? ClockCost.measure())
        var singles = warmup.map(\.ns)
        var kept: [UInt64] = []
        while singles.count < 2, singles.allSatisfy({ $0 >= targetNs }), !shouldStop() {
            let single = try timeBatch(benchmark, count: 1)
            if single.selfMeasured { return Calibration(batchSize: 1, firstSamplesNs: kept + [single.ns]) }
            singles.append(single.ns)
            if single.ns >= targetNs { kept.append(single.ns) }
            // Asked for one iteration and no warm-up: the one long iteration is the measurement.
            if settings.iterations <= kept.count { break }
        }
        if let shortest = singles.min(), shortest >= targetNs { return Calibration(batchSize: 1, firstSamplesNs: kept) }
        var size = 1
        while !shouldStop() {
            let first = try timeBatch(benchmark, count: size)
            let second = try timeBatch(benchmark, count: size)
            if first.selfMeasured || second.selfMeasured { return Calibration(batchSize: 1) }
            let shorter = min(first.ns, second.ns)
            guard let next = BatchSizing.nextTrial(size: size, elapsedNs: shorter, targetNs: targetNs) else {
                return Calibration(batchSize: BatchSizing.batchSize(trialSize: size, elapsedNs: shorter, targetNs: targetNs))
            }
            size = next
        }
        return Calibration(batchSize: 1)
    }

    /// One sample: a batch's nanoseconds per inner iteration, rounded to the nearest.
    static func perIteration(_ ns: UInt64, divisor: UInt64) -> Int64 {
        guard divisor > 1 else { return Int64(clamping: ns) }
        return Int64(clamping: ns / divisor + (ns % divisor >= (divisor + 1) / 2 ? 1 : 0))
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

extension BenchmarkExecutor {
    /// Runs one worker, forked or exec'd, on `executor`: a batch of one child that does the
    /// benchmark's warm-up and iterations itself. What a failure to run it means differs between
    /// the two (which executor is discarded, whether limits applied), so it is the caller's.
    func runWorkerBatch(
        _ spec: BenchmarkSpec, on executor: any BatchExecutor, arguments: [String]
    ) throws(IsolationError) -> BatchResult {
        progress.phase(spec, "worker: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        return try executor.runBatch(childSpec(spec, arguments: arguments), iterations: 1)
    }

    /// The result of one worker, forked or exec'd, from its batch.
    func workerResult(
        _ spec: BenchmarkSpec, _ batch: BatchResult, started: UInt64, limits: [AppliedLimit]?, benchmark: any SwiftBenchmark
    ) -> BenchmarkResult? {
        if batch.interrupted || interruption.isSet { return nil }
        let totalMs = Self.milliseconds(since: started)
        var accounting = UsageAccounting()
        accounting.add(batch)
        guard let iteration = batch.iterations.first else {
            return failure(spec, mode: .isolated, FailureDescription(outcome: .error, error: "the worker did not run"), totalMs: totalMs)
        }
        if case .spawnFailed(_, let message) = iteration.termination {
            return withoutWorker(spec, benchmark: benchmark, .spawnFailed(message), started: started, limits: limits)
        }
        let reading = WorkerStream.read(batch.resultLines)
        if var failed = failedResult(spec, batch, accounting, started, limits: limits) {
            // What the worker measured before it crashed or ran out of time is kept.
            failed.samplesNs = reading.samplesNs
            failed.samplesSource = reading.samplesNs.isEmpty ? nil : .harness
            failed.stats = reading.samplesNs.isEmpty ? nil : statistics(spec, reading.samplesNs)
            if !reading.samplesNs.isEmpty { failed.record(reading.scale) }
            return failed
        }
        guard let report = reading.report else {
            var result = failure(spec, mode: .isolated, FailureDescription(
                outcome: .failed, exitCode: 0, error: "the worker exited without reporting its samples"), totalMs: totalMs)
            result.stderrTail = batch.stderrTail.tail()
            return result
        }
        var resources = accounting.resources(totalMs: totalMs)
        resources.peakMemoryGrowthBytes = report.peakMemoryGrowthBytes
        resources.peakMemoryGrowthWithWarmupBytes = report.peakMemoryGrowthWithWarmupBytes
        resources.overheadMs = max(0, totalMs - Double(report.benchmarkNs) / 1_000_000)
        var result = success(spec, mode: .isolated, samples: report.samplesNs, source: .harness, resources: resources)
        result.record(report.scale)
        result.limits = limits
        return result
    }
}

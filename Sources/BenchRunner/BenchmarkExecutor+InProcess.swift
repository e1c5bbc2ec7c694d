import BenchConfig
import BenchModel

extension BenchmarkExecutor {
    /// In benchboard's own process: with isolation off, or as the fallback of a benchmark whose
    /// worker could not be started. Nothing enforces limits here, and the record says so.
    func runSwiftInProcess(_ spec: BenchmarkSpec, benchmark: any SwiftBenchmark, mode: ExecutionMode) -> BenchmarkResult? {
        let settings = IterationSettings(
            warmup: spec.warmup, iterations: spec.iterations,
            minTimeNs: spec.minTimeMs.map { IterationSettings.nanoseconds(milliseconds: $0) },
            maxDurationNs: spec.maxDurationMs.map { IterationSettings.nanoseconds(milliseconds: $0) },
            clockCostNs: clockCostNs)
        progress.phase(spec, "in-process: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        let before = ProcessUsage.current()
        let started = MonotonicClock.now()
        let report: WorkerReport
        do {
            report = try IterationEngine.measure(benchmark, settings: settings, shouldStop: { [interruption] in interruption.isSet })
        } catch {
            return failure(spec, mode: mode, FailureDescription(outcome: .failed, error: "threw \(error)"),
                           totalMs: Self.milliseconds(since: started))
        }
        if interruption.isSet { return nil }
        let totalMs = Self.milliseconds(since: started)
        let after = ProcessUsage.current()
        // Max RSS is left out: in-process it would be benchboard's own peak, not the benchmark's.
        let resources = Resources(
            maxRSSBytes: nil, peakMemoryGrowthBytes: report.peakMemoryGrowthBytes,
            cpuUserUs: after.userUs &- before.userUs, cpuSystemUs: after.systemUs &- before.systemUs,
            totalMs: totalMs, overheadMs: max(0, totalMs - Double(report.benchmarkNs) / 1_000_000),
            voluntaryContextSwitches: after.voluntaryContextSwitches &- before.voluntaryContextSwitches,
            involuntaryContextSwitches: after.involuntaryContextSwitches &- before.involuntaryContextSwitches,
            minorFaults: after.minorFaults &- before.minorFaults, majorFaults: after.majorFaults &- before.majorFaults,
            peakMemoryGrowthWithWarmupBytes: report.peakMemoryGrowthWithWarmupBytes)
        var result = success(spec, mode: mode, samples: report.samplesNs, source: .harness, resources: resources)
        result.record(report.scale)
        result.limits = LimitPolicy.applied(spec.limits, capabilities: nil)
        return result
    }
}

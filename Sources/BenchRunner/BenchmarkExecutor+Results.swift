import BenchConfig
import BenchIsolation
import BenchModel
import BenchStats

/// Turning what ran into a `BenchmarkResult`: success, failure, and the failure a batch carries.
extension BenchmarkExecutor {
    /// The benchmark's result when the batch hit a limit or a child failed; nil when all went well.
    /// A limit wins over the failure it caused (an OOM-killed child also "crashed with SIGKILL").
    func failedResult(
        _ spec: BenchmarkSpec, _ batch: BatchResult, _ accounting: UsageAccounting, _ started: UInt64,
        limits: [AppliedLimit]?
    ) -> BenchmarkResult? {
        if let hit = batch.limitHit {
            let resource = LimitPolicy.resource(hit)
            var result = failure(
                spec, mode: .isolated,
                FailureDescription(outcome: .limit, error: LimitPolicy.sentence(resource, limits: limits)),
                totalMs: Self.milliseconds(since: started))
            let tail = batch.stderrTail.tail()
            result.stderrTail = tail.isEmpty ? nil : tail
            result.resources = accounting.resources(totalMs: result.resources.totalMs)
            result.limits = limits
            result.limitHit = resource
            return result
        }
        guard let bad = batch.iterations.first(where: { !$0.isSuccess }),
            var description = FailureDescription(bad.termination, timeoutMs: spec.timeoutMs)
        else { return nil }
        let tail = batch.stderrTail.tail()
        if description.outcome == .failed, !tail.isEmpty { description.error += ": " + (tail.split(separator: "\n").last.map(String.init) ?? "") }
        var result = failure(spec, mode: .isolated, description, totalMs: Self.milliseconds(since: started))
        result.stderrTail = tail.isEmpty ? nil : tail
        result.resources = accounting.resources(totalMs: result.resources.totalMs)
        result.limits = limits
        return result
    }

    func success(
        _ spec: BenchmarkSpec, mode: ExecutionMode, samples: [Int64], source: SamplesSource, resources: Resources
    ) -> BenchmarkResult {
        var result = base(spec, mode: mode, outcome: .ok, resources: resources)
        result.samplesNs = samples
        result.samplesSource = samples.isEmpty ? nil : source
        result.stats = statistics(spec, samples)
        return result
    }

    /// The statistics a run file records; its `noisy` flag is judged at the threshold the
    /// benchmark's verdicts will use.
    func statistics(_ spec: BenchmarkSpec, _ samples: [Int64]) -> SampleStats? {
        let threshold = ThresholdDefaults.resolved(
            recorded: spec.regressionThreshold, suite: plan.config.report.regressionThreshold)
        return SampleStatistics.make(samplesNs: samples, threshold: threshold)
    }

    func failure(_ spec: BenchmarkSpec, mode: ExecutionMode, _ description: FailureDescription, totalMs: Double) -> BenchmarkResult {
        var result = base(spec, mode: mode, outcome: description.outcome, resources: Resources(totalMs: totalMs))
        result.exitCode = description.exitCode
        result.signal = description.signal
        result.killedBy = description.killedBy
        result.error = description.error
        return result
    }

    func base(_ spec: BenchmarkSpec, mode: ExecutionMode, outcome: Outcome, resources: Resources) -> BenchmarkResult {
        BenchmarkResult(
            name: spec.name, group: spec.group, kind: spec.kind, mode: mode, outcome: outcome,
            targetNs: spec.targetNs, timeoutMs: spec.timeoutMs,
            warmup: spec.warmup, samplesNs: [], metric: spec.metric, resources: resources, config: spec.settings)
    }
}

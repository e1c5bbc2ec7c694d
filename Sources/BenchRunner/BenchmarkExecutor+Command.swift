import BenchConfig
import BenchIsolation
import BenchModel

/// Command benchmarks: any program, one child per iteration started by the run's launcher; the
/// sample is its wall time, or what its harness reported on the result channel.
extension BenchmarkExecutor {
    func runCommand(_ spec: BenchmarkSpec, arguments: [String]) -> BenchmarkResult? {
        guard let launcher = launchers.current() else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: "could not be started: \(launchers.problem ?? "no launcher")"), totalMs: 0)
        }
        if let platformLimitation { progress.warning(once: ExecutorPlatform.noticeKey, platformLimitation) }
        let unenforceable = LimitPolicy.unenforceable(spec.limits, capabilities: launcher.capabilities)
        guard unenforceable.isEmpty else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: LimitPolicy.refusal(unenforceable, reason: ExecutorPlatform.unavailable)), totalMs: 0)
        }
        var child = childSpec(spec, arguments: arguments)
        let outputCap = child.limits.outputBytes
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        let started = MonotonicClock.now()
        var accounting = UsageAccounting()
        var resultLines: [String] = []
        // Processes started, warm-up included: a harness may report any number of samples.
        var spawned = 0
        do {
            if spec.warmup > 0 {
                progress.phase(spec, "warm-up ×\(spec.warmup)")
                let warmup = try launcher.runBatch(child, iterations: spec.warmup)
                spawned += warmup.iterations.count
                accounting.add(warmup)
                Self.spendOutput(warmup, of: outputCap, in: &child)
                if warmup.interrupted || interruption.isSet { return nil }
                if let failed = failedResult(spec, warmup, accounting, started, limits: limits) { return failed }
            }
            let minTimeNs = spec.minTimeMs.map { IterationSettings.nanoseconds(milliseconds: $0) } ?? 0
            var measuredNs: UInt64 = 0
            var samples: [Int64] = []
            while samples.count < spec.iterations || (measuredNs < minTimeNs && samples.count < IterationSettings.maximumIterations) {
                let count: Int
                if samples.count < spec.iterations {
                    count = spec.iterations - samples.count
                } else {
                    // Enough iterations, not enough time: estimate how many more reach min_time_ms.
                    let mean = max(1, measuredNs / UInt64(samples.count))
                    let remaining = IterationSettings.maximumIterations - samples.count
                    count = min(remaining, Int(min(UInt64(remaining), (minTimeNs - measuredNs) / mean)) + 1)
                }
                progress.phase(spec, "measuring \(samples.count + count) iterations")
                let batch = try launcher.runBatch(child, iterations: count)
                spawned += batch.iterations.count
                accounting.add(batch)
                Self.spendOutput(batch, of: outputCap, in: &child)
                if batch.interrupted || interruption.isSet { return nil }
                if let failed = failedResult(spec, batch, accounting, started, limits: limits) { return failed }
                // A batch that ran nothing and reported no failure would otherwise loop forever.
                guard !batch.iterations.isEmpty else {
                    return failure(spec, mode: .isolated, FailureDescription(
                        outcome: .error, error: "the launcher ran no iteration of \(count) asked for"),
                        totalMs: Self.milliseconds(since: started))
                }
                resultLines += batch.resultLines
                for iteration in batch.iterations {
                    let wall = iteration.usage?.wallNs ?? 0
                    samples.append(Int64(clamping: wall))
                    measuredNs &+= wall
                }
            }
            // A harness that timed itself on fd 3 knows better than the wall clock around it.
            let reported = ResultChannel.harnessSamples(in: resultLines)
            // Said once per benchmark, not once per round.
            if reported.hasProblems { progress.warning(onceFor: "harness:" + spec.name, Self.harnessWarning(spec, reported)) }
            let source: SamplesSource = reported.samples.isEmpty ? .wall : .harness
            let totalMs = Self.milliseconds(since: started)
            var resources = accounting.resources(totalMs: totalMs)
            resources.overheadMs = max(0, totalMs - Double(accounting.childWallNs) / 1_000_000)
            var result = success(
                spec, mode: .isolated, samples: source == .harness ? reported.samples : samples, source: source,
                resources: resources)
            result.limits = limits
            // The rest of this round's process record is filled in by `RoundResults`.
            result.processes = [ProcessRecord(round: 1, samples: result.samplesNs.count, outcome: .ok, wallMs: totalMs, spawns: spawned)]
            return result
        } catch {
            launchers.discard(because: error.description, keeping: workerServers.processIDs)
            var result = failure(spec, mode: .isolated, FailureDescription(outcome: .error, error: error.description),
                                 totalMs: Self.milliseconds(since: started))
            result.limits = limits
            return result
        }
    }

    /// One warning per benchmark for everything its harness reported that could not be used.
    static func harnessWarning(_ spec: BenchmarkSpec, _ reported: ResultChannel.HarnessSamples) -> String {
        var refused: [String] = []
        if reported.droppedValues > 0 {
            refused.append("\(reported.droppedValues) value(s) that are negative, not finite or beyond Int64 nanoseconds")
        }
        if reported.invalidObjects > 0 {
            refused.append("\(reported.invalidObjects) object(s) naming samplesNs or sampleNs that do not decode as numbers or name a key twice")
        }
        let outcome = reported.samples.isEmpty
            ? "no usable sample is left, so the wall times of the processes are recorded instead (samplesSource: wall)"
            : "\(reported.samples.count) usable sample(s) kept"
        return "\(spec.name): dropped what it reported on fd 3: " + refused.joined(separator: " and ") + "; " + outcome
    }

    /// `max_output_mb` covers the whole benchmark, but each batch's drain counts only its own
    /// bytes: the next batch gets what is left of the budget.
    static func spendOutput(_ batch: BatchResult, of cap: Int?, in child: inout ChildSpec) {
        guard let left = child.limits.outputBytes, cap != nil else { return }
        child.limits.outputBytes = max(0, left - batch.stdoutBytes - batch.stderrBytes)
    }
}

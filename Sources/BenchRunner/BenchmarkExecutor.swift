import BenchConfig
import BenchIsolation
import BenchModel
import BenchStats
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs one benchmark of a plan and turns what happened into a `BenchmarkResult`. A failing
/// benchmark is a result, never an error of the run.
final class BenchmarkExecutor: @unchecked Sendable {
    private let plan: RunPlan
    private let registry: [String: any SwiftBenchmark]
    private let parentEnvironment: [String: String]
    private let launchers: LauncherSession
    /// The run's fork server, under a launcher of its own.
    private let workerServers: LauncherSession
    /// How the fork server is started; nil when an injected factory answers for it (tests).
    private let serverFactory: ForkServerFactory?
    private let interruption: Interruption
    private let progress: ProgressReporter
    /// Where the worker is started from: this very executable, resolved so the launcher can exec it.
    private let workerExecutable: String?

    init(
        plan: RunPlan, registry: [String: any SwiftBenchmark], parentEnvironment: [String: String],
        launchers: LauncherSession, workerServers: LauncherSession, serverFactory: ForkServerFactory?,
        interruption: Interruption, progress: ProgressReporter
    ) {
        self.plan = plan
        self.registry = registry
        self.parentEnvironment = parentEnvironment
        self.launchers = launchers
        self.workerServers = workerServers
        self.serverFactory = serverFactory
        self.interruption = interruption
        self.progress = progress
        self.workerExecutable = SelfExecutable.path()
    }

    /// Nil when the run was interrupted before this benchmark finished: a partial benchmark is
    /// not recorded.
    func run(_ spec: BenchmarkSpec) -> BenchmarkResult? {
        switch spec.definition {
        case .command(let arguments) where spec.metric == .instructions:
            return runCommandCountingInstructions(spec, arguments: arguments)
        case .command(let arguments):
            return runCommand(spec, arguments: arguments)
        case .swift(let name):
            guard let benchmark = registry[name] else {
                // Config validation refuses unknown names; this guards a registry that changed underneath.
                return failure(spec, mode: .isolated, FailureDescription(
                    outcome: .error, error: "no swift benchmark named '\(name)' is registered"), totalMs: 0)
            }
            // Instructions are counted by running the worker under valgrind, whatever the isolation setting.
            if spec.metric == .instructions {
                return runSwiftCountingInstructions(spec, name: name)
            }
            // Limits are set by the launcher on the processes it starts, so a limited benchmark
            // gets an exec'd worker of its own instead of a child of the shared fork server.
            if plan.isolation, !spec.limits.isEmpty {
                return runSwiftWorker(spec, name: name, benchmark: benchmark)
            }
            if plan.isolation {
                return runSwiftIsolated(spec, name: name, benchmark: benchmark)
            }
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .inProcess)
        }
    }

    // MARK: - Command benchmarks

    private func runCommand(_ spec: BenchmarkSpec, arguments: [String]) -> BenchmarkResult? {
        guard let launcher = launchers.current() else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: "could not be started: \(launchers.problem ?? "no launcher")"), totalMs: 0)
        }
        var child = childSpec(spec, arguments: arguments)
        let outputCap = child.limits.outputBytes
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        let started = MonotonicClock.now()
        var accounting = UsageAccounting()
        var resultLines: [String] = []
        do {
            if spec.warmup > 0 {
                progress.phase(spec, "warm-up ×\(spec.warmup)")
                let warmup = try launcher.runBatch(child, iterations: spec.warmup)
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
            if reported.hasProblems { progress.warning(Self.harnessWarning(spec, reported)) }
            let source: SamplesSource = reported.samples.isEmpty ? .wall : .harness
            let totalMs = Self.milliseconds(since: started)
            var resources = accounting.resources(totalMs: totalMs)
            resources.overheadMs = max(0, totalMs - Double(accounting.childWallNs) / 1_000_000)
            var result = success(
                spec, mode: .isolated, samples: source == .harness ? reported.samples : samples, source: source,
                resources: resources)
            result.limits = limits
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
            refused.append("\(reported.invalidObjects) object(s) naming samplesNs or sampleNs that do not decode as numbers")
        }
        let outcome = reported.samples.isEmpty
            ? "no usable sample is left, so the wall times of the processes are recorded instead (samplesSource: wall)"
            : "\(reported.samples.count) usable sample(s) kept"
        return "\(spec.name): dropped what it reported on fd 3: " + refused.joined(separator: " and ") + "; " + outcome
    }

    /// The benchmark's result when the batch hit a limit or a child failed; nil when all went well.
    /// A limit wins over the failure it caused (an OOM-killed child also "crashed with SIGKILL").
    private func failedResult(
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

    // MARK: - Swift benchmarks

    /// In a child forked by the run's fork server (see `ForkServer`). Only a server or child that
    /// cannot be started at all falls back to in-process; a crash, timeout or failure is a result.
    private func runSwiftIsolated(_ spec: BenchmarkSpec, name: String, benchmark: any SwiftBenchmark) -> BenchmarkResult? {
        guard let executable = workerExecutable else {
            progress.warning("\(spec.name): cannot locate benchboard's own executable; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        // The first benchmark also pays for starting the server: that is part of what isolation costs.
        let started = MonotonicClock.now()
        serverFactory?.prepare(server: childSpec(spec, arguments: [executable, "worker-server"]))
        guard let server = workerServers.current() else {
            progress.warning(
                once: "worker-server",
                "The swift benchmark worker could not be started. \(workerServers.problem ?? "no worker server") Swift benchmarks run in-process (mode: fallback).",
                repeat: "\(spec.name): no worker; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        var arguments = ["worker", name, "--warmup", String(spec.warmup), "--iterations", String(spec.iterations)]
        if let minTime = spec.minTimeMs { arguments += ["--min-time-ms", String(minTime)] }
        if let maxDuration = spec.maxDurationMs { arguments += ["--max-duration-ms", String(maxDuration)] }
        let limits = LimitPolicy.applied(spec.limits, capabilities: server.capabilities)
        progress.phase(spec, "worker: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        let batch: BatchResult
        do {
            batch = try server.runBatch(childSpec(spec, arguments: arguments), iterations: 1)
        } catch {
            // The server had started, so this is not a reason to run the benchmark in-process.
            // A request it was never sent leaves it as good as it was.
            if case .invalidSpec = error {} else {
                workerServers.discard(because: error.description, keeping: launchers.processIDs)
            }
            return failure(spec, mode: .isolated, FailureDescription(outcome: .error, error: error.description),
                           totalMs: Self.milliseconds(since: started))
        }
        return workerResult(spec, batch, started: started, limits: limits, benchmark: benchmark)
    }

    /// In an exec'd worker of its own, started by the run's launcher, which sets the benchmark's
    /// resource limits on it (the fork server's children share the server's limits and cgroup).
    private func runSwiftWorker(_ spec: BenchmarkSpec, name: String, benchmark: any SwiftBenchmark) -> BenchmarkResult? {
        guard let executable = workerExecutable else {
            progress.warning("\(spec.name): cannot locate benchboard's own executable; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        guard let launcher = launchers.current() else {
            progress.warning(
                once: "launcher",
                "\(launchers.problem ?? "no launcher"). Swift benchmarks with limits run in-process (mode: fallback); command benchmarks cannot run.",
                repeat: "\(spec.name): no launcher; running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        var arguments = [executable, "worker", name, "--warmup", String(spec.warmup), "--iterations", String(spec.iterations)]
        if let minTime = spec.minTimeMs { arguments += ["--min-time-ms", String(minTime)] }
        if let maxDuration = spec.maxDurationMs { arguments += ["--max-duration-ms", String(maxDuration)] }
        let started = MonotonicClock.now()
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        progress.phase(spec, "worker: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        let batch: BatchResult
        do {
            batch = try launcher.runBatch(childSpec(spec, arguments: arguments), iterations: 1)
        } catch {
            launchers.discard(because: error.description, keeping: workerServers.processIDs)
            progress.warning("\(spec.name): \(error.description); running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        return workerResult(spec, batch, started: started, limits: limits, benchmark: benchmark)
    }

    /// The result of one worker, forked or exec'd, from its batch.
    private func workerResult(
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
            progress.warning("\(spec.name): the worker could not be started (\(message)); running it in-process")
            return runSwiftInProcess(spec, benchmark: benchmark, mode: .fallback)
        }
        let reading = WorkerStream.read(batch.resultLines)
        if var failed = failedResult(spec, batch, accounting, started, limits: limits) {
            // What the worker measured before it crashed or ran out of time is kept.
            failed.samplesNs = reading.samplesNs
            failed.samplesSource = reading.samplesNs.isEmpty ? nil : .harness
            failed.stats = reading.samplesNs.isEmpty ? nil : statistics(spec, reading.samplesNs)
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
        result.limits = limits
        return result
    }

    private func runSwiftInProcess(_ spec: BenchmarkSpec, benchmark: any SwiftBenchmark, mode: ExecutionMode) -> BenchmarkResult? {
        let settings = IterationSettings(
            warmup: spec.warmup, iterations: spec.iterations,
            minTimeNs: spec.minTimeMs.map { IterationSettings.nanoseconds(milliseconds: $0) },
            maxDurationNs: spec.maxDurationMs.map { IterationSettings.nanoseconds(milliseconds: $0) })
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
        result.limits = LimitPolicy.applied(spec.limits, capabilities: nil)
        return result
    }

    // MARK: - Counting instructions

    /// `metric = "instructions"` for a command: each iteration is one child under cachegrind, with
    /// an output folder of its own; its count is the sum over the processes it started. No
    /// warm-up: a fresh process executes the same instructions whether the caches are warm or not.
    private func runCommandCountingInstructions(_ spec: BenchmarkSpec, arguments: [String]) -> BenchmarkResult? {
        let started = MonotonicClock.now()
        let (valgrind, launcher, folder): (Valgrind, any BatchExecutor, ScratchFolder)
        switch countingSetup(spec) {
        case .success(let setup): (valgrind, launcher, folder) = setup
        case .failure(let problem): return failure(spec, mode: .isolated, problem, totalMs: 0)
        }
        defer { folder.remove() }
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        var accounting = UsageAccounting()
        var samples: [Int64] = []
        var counts: [Int64] = []
        do {
            for iteration in 0..<spec.iterations {
                progress.phase(spec, "counting instructions, iteration \(iteration + 1) of \(spec.iterations)")
                guard let output = folder.subfolder(String(iteration)) else {
                    return failure(spec, mode: .isolated, FailureDescription(
                        outcome: .error, error: "cannot create a folder for valgrind's output in \(folder.path)"),
                        totalMs: Self.milliseconds(since: started))
                }
                let child = childSpec(spec, arguments: valgrind.commandArguments(arguments, outputFolder: output))
                let batch = try launcher.runBatch(child, iterations: 1)
                accounting.add(batch)
                if batch.interrupted || interruption.isSet { return nil }
                let count = Valgrind.instructions(inFolder: output)
                if var failed = failedResult(spec, batch, accounting, started, limits: limits) {
                    // No count at all: valgrind itself could not run the program; its message says why.
                    if count == nil, failed.outcome == .failed {
                        failed.outcome = .error
                        failed.error = "valgrind could not run it: " + (failed.stderrTail ?? "no message")
                    }
                    return failed
                }
                guard let count, let wall = batch.iterations.first?.usage?.wallNs else {
                    var result = failure(spec, mode: .isolated, FailureDescription(
                        outcome: .error, error: "valgrind wrote no instruction count"), totalMs: Self.milliseconds(since: started))
                    result.stderrTail = batch.stderrTail.tail().isEmpty ? nil : batch.stderrTail.tail()
                    return result
                }
                counts.append(count)
                samples.append(Int64(clamping: wall))
            }
        } catch {
            launchers.discard(because: error.description, keeping: workerServers.processIDs)
            return failure(spec, mode: .isolated, FailureDescription(outcome: .error, error: error.description),
                           totalMs: Self.milliseconds(since: started))
        }
        let totalMs = Self.milliseconds(since: started)
        var resources = accounting.resources(totalMs: totalMs)
        resources.overheadMs = max(0, totalMs - Double(accounting.childWallNs) / 1_000_000)
        var result = counted(success(spec, mode: .isolated, samples: samples, source: .wall, resources: resources), counts)
        result.limits = limits
        // Commands skip the warm-up when counting; the record says what ran.
        result.warmup = 0
        return result
    }

    /// `metric = "instructions"` for a swift benchmark: one worker under callgrind, which dumps each
    /// measured iteration's count to `callgrind.out.N` (see `IterationEngine.countInstructions`).
    private func runSwiftCountingInstructions(_ spec: BenchmarkSpec, name: String) -> BenchmarkResult? {
        let started = MonotonicClock.now()
        let (valgrind, launcher, folder): (Valgrind, any BatchExecutor, ScratchFolder)
        switch countingSetup(spec) {
        case .success(let setup): (valgrind, launcher, folder) = setup
        case .failure(let problem): return failure(spec, mode: .isolated, problem, totalMs: 0)
        }
        defer { folder.remove() }
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        guard let executable = workerExecutable else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: "cannot locate benchboard's own executable to run the worker under valgrind"),
                totalMs: 0)
        }
        let worker = [
            CountingWorker.executable(for: executable, in: folder), "worker", name, "--warmup", String(spec.warmup),
            "--iterations", String(spec.iterations), "--count-instructions",
        ]
        let outputFile = folder.path + "/callgrind.out"
        var child = childSpec(spec, arguments: valgrind.workerArguments(worker, outputFile: outputFile))
        // Hash seeds differ per process and change how much work a Dictionary or Set does.
        child.environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
        progress.phase(spec, "counting instructions under valgrind: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
        let batch: BatchResult
        do {
            batch = try launcher.runBatch(child, iterations: 1)
        } catch {
            launchers.discard(because: error.description, keeping: workerServers.processIDs)
            return failure(spec, mode: .isolated, FailureDescription(outcome: .error, error: error.description),
                           totalMs: Self.milliseconds(since: started))
        }
        if batch.interrupted || interruption.isSet { return nil }
        let totalMs = Self.milliseconds(since: started)
        var accounting = UsageAccounting()
        accounting.add(batch)
        if let failed = failedResult(spec, batch, accounting, started, limits: limits) { return failed }
        guard let report = WorkerStream.read(batch.resultLines).report else {
            var result = failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: "the worker under valgrind exited without reporting its samples"), totalMs: totalMs)
            result.stderrTail = batch.stderrTail.tail()
            return result
        }
        let counts = (1...max(1, report.samplesNs.count)).compactMap { Valgrind.instructions(inFile: "\(outputFile).\($0)") }
        guard counts.count == report.samplesNs.count else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error,
                error: "callgrind counted \(counts.count) of \(report.samplesNs.count) iterations; is this executable built with valgrind/callgrind.h?"),
                totalMs: totalMs)
        }
        var resources = accounting.resources(totalMs: totalMs)
        resources.overheadMs = max(0, totalMs - Double(report.benchmarkNs) / 1_000_000)
        var result = counted(success(spec, mode: .isolated, samples: report.samplesNs, source: .harness, resources: resources), counts)
        result.limits = limits
        return result
    }

    private func countingSetup(_ spec: BenchmarkSpec)
        -> Result<(Valgrind, any BatchExecutor, ScratchFolder), FailureDescription>
    {
        guard let valgrind = Valgrind.locate(environment: parentEnvironment) else {
            return .failure(FailureDescription(
                outcome: .error, error: InstructionCountingError.valgrindMissing(benchmark: spec.name).description))
        }
        guard let launcher = launchers.current() else {
            return .failure(FailureDescription(
                outcome: .error, error: "could not be started: \(launchers.problem ?? "no launcher")"))
        }
        guard let folder = ScratchFolder.make(prefix: "benchboard-valgrind") else {
            return .failure(FailureDescription(outcome: .error, error: "cannot create a temporary folder for valgrind's output"))
        }
        return .success((valgrind, launcher, folder))
    }

    private func counted(_ result: BenchmarkResult, _ counts: [Int64]) -> BenchmarkResult {
        var result = result
        result.metric = .instructions
        result.samplesInstructions = counts
        result.instructionStats = CountStats(counts)
        return result
    }

    // MARK: - Building results

    private func childSpec(_ spec: BenchmarkSpec, arguments: [String]) -> ChildSpec {
        let environment = spec.kind == .swift
            ? ChildEnvironment.makeForWorker(for: spec, inheritingFrom: parentEnvironment)
            : ChildEnvironment.make(for: spec, inheritingFrom: parentEnvironment)
        return ChildSpec(
            arguments: arguments,
            environment: environment,
            workingDirectory: plan.config.baseDirectory,
            timeoutMs: spec.timeoutMs, graceMs: spec.graceMs,
            killSignal: SignalName.number(of: spec.killSignal) ?? SIGTERM,
            limits: LimitPolicy.childLimits(spec.limits))
    }

    private func success(
        _ spec: BenchmarkSpec, mode: ExecutionMode, samples: [Int64], source: SamplesSource, resources: Resources
    ) -> BenchmarkResult {
        var result = base(spec, mode: mode, outcome: .ok, resources: resources)
        result.samplesNs = samples
        result.samplesSource = samples.isEmpty ? nil : source
        result.stats = statistics(spec, samples)
        return result
    }

    private func statistics(_ spec: BenchmarkSpec, _ samples: [Int64]) -> SampleStats? {
        SampleStatistics.make(samplesNs: samples, threshold: spec.regressionThreshold ?? plan.config.report.regressionThreshold)
    }

    private func failure(_ spec: BenchmarkSpec, mode: ExecutionMode, _ description: FailureDescription, totalMs: Double) -> BenchmarkResult {
        var result = base(spec, mode: mode, outcome: description.outcome, resources: Resources(totalMs: totalMs))
        result.exitCode = description.exitCode
        result.signal = description.signal
        result.killedBy = description.killedBy
        result.error = description.error
        return result
    }

    private func base(_ spec: BenchmarkSpec, mode: ExecutionMode, outcome: Outcome, resources: Resources) -> BenchmarkResult {
        BenchmarkResult(
            name: spec.name, group: spec.group, kind: spec.kind, mode: mode, outcome: outcome,
            targetNs: spec.targetNs, timeoutMs: spec.timeoutMs,
            warmup: spec.warmup, samplesNs: [], metric: spec.metric, resources: resources, config: spec.settings)
    }

    /// `max_output_mb` covers the whole benchmark, but each batch's drain counts only its own
    /// bytes: the next batch gets what is left of the budget.
    private static func spendOutput(_ batch: BatchResult, of cap: Int?, in child: inout ChildSpec) {
        guard let left = child.limits.outputBytes, cap != nil else { return }
        child.limits.outputBytes = max(0, left - batch.stdoutBytes - batch.stderrBytes)
    }

    static func milliseconds(since start: UInt64) -> Double {
        Double(MonotonicClock.now() - start) / 1_000_000
    }
}

import BenchConfig
import BenchIsolation
import BenchModel

/// `metric = "instructions"`: commands under cachegrind, swift benchmarks in a worker under callgrind.
extension BenchmarkExecutor {
    /// `metric = "instructions"` for a command: each iteration is one child under cachegrind, with
    /// an output folder of its own; its count is the sum over the processes it started. No
    /// warm-up: a fresh process executes the same instructions whether the caches are warm or not.
    func runCommandCountingInstructions(_ spec: BenchmarkSpec, arguments: [String]) -> BenchmarkResult? {
        withCountingSetup(spec) { started, valgrind, launcher, folder, limits in
            var accounting = UsageAccounting()
            var samples: [Int64] = []
            var counts: [Int64] = []
            do throws(IsolationError) {
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
    }

    /// `metric = "instructions"` for a swift benchmark: one worker under callgrind, which dumps each
    /// measured iteration's count to `callgrind.out.N` (see `IterationEngine.countInstructions`).
    func runSwiftCountingInstructions(_ spec: BenchmarkSpec, name: String) -> BenchmarkResult? {
        withCountingSetup(spec) { started, valgrind, launcher, folder, limits in
            guard let executable = workerExecutable else {
                return failure(spec, mode: .isolated, FailureDescription(
                    outcome: .error, error: "cannot locate benchboard's own executable to run the worker under valgrind"),
                    totalMs: 0)
            }
            let worker = [CountingWorker.executable(for: executable, in: folder)]
                + WorkerInvocation(spec, name: name, countInstructions: true).arguments
            let outputFile = folder.path + "/callgrind.out"
            var child = childSpec(spec, arguments: valgrind.workerArguments(worker, outputFile: outputFile))
            // Hash seeds differ per process and change how much work a Dictionary or Set does.
            child.environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
            progress.phase(spec, "counting instructions under valgrind: warm-up ×\(spec.warmup), \(spec.iterations) iterations")
            let batch: BatchResult
            do throws(IsolationError) {
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
    }

    /// Runs `body` with what counting needs, for commands and swift benchmarks alike: valgrind, the
    /// run's launcher with the limits it applies, and a scratch folder for valgrind's output, removed
    /// after `body`. `started` is taken before any of it, so the total time includes finding them.
    /// When something is missing, the benchmark ends `error` saying what.
    private func withCountingSetup(
        _ spec: BenchmarkSpec,
        _ body: (_ started: UInt64, Valgrind, any BatchExecutor, ScratchFolder, [AppliedLimit]?) -> BenchmarkResult?
    ) -> BenchmarkResult? {
        let started = MonotonicClock.now()
        guard let valgrind = Valgrind.locate(environment: parentEnvironment) else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: InstructionCountingError.valgrindMissing(benchmark: spec.name).description),
                totalMs: 0)
        }
        guard let launcher = launchers.current() else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: "could not be started: \(launchers.problem ?? "no launcher")"), totalMs: 0)
        }
        guard let folder = ScratchFolder.make(prefix: "benchboard-valgrind") else {
            return failure(spec, mode: .isolated, FailureDescription(
                outcome: .error, error: "cannot create a temporary folder for valgrind's output"), totalMs: 0)
        }
        defer { folder.remove() }
        let limits = LimitPolicy.applied(spec.limits, capabilities: launcher.capabilities)
        return body(started, valgrind, launcher, folder, limits)
    }

    func counted(_ result: BenchmarkResult, _ counts: [Int64]) -> BenchmarkResult {
        var result = result
        result.metric = .instructions
        result.samplesInstructions = counts
        result.instructionStats = CountStats(counts)
        return result
    }
}

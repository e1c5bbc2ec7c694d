import BenchIsolation
import BenchRunner
import BenchTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The worker side of swift-benchmark isolation, in benchboard's own executable:
///
/// - `benchboard worker-server FOLDER`: the fork server (see `ForkServer`), started once per run;
///   it forks one child per benchmark, and the child runs the `worker` arguments below.
/// - `benchboard worker NAME --warmup N --iterations N [--min-time-ms MS] [--max-duration-ms MS] …`
///   (see `WorkerInvocation`): runs one swift benchmark and streams its samples on the result
///   channel (fd 3) as they are taken, then a summary line (see `WorkerStream`).
///
/// With `--count-instructions` the worker runs under callgrind and marks each measured iteration
/// for it (see `IterationEngine.countInstructions`); its samples then go out at the end.
///
/// Both are parsed by hand, before anything else starts: the server must stay single-threaded
/// and small, and every microsecond the child spends is isolation overhead.
enum Worker {
    static func serve(arguments: [String], registry: [String: any SwiftBenchmark]) -> Int32 {
        guard arguments.count == 1, let folder = arguments.first else {
            fail("worker-server: benchboard starts this itself, with the folder of its pipes")
            return 2
        }
        // Made once, in the server: a child only runs it.
        let empty = Benchmark("") { _ in }
        return IsolationPlatform.serveWorkers(folder: folder, prepare: { rehearse(empty, registry: registry) }) { jobArguments in
            let code = run(arguments: Array(jobArguments.dropFirst()), registry: registry)
            fflush(nil)
            return code
        }
    }

    /// Runs, in a child of the server before its request comes, the worker's own code on an empty
    /// benchmark: a fresh fork faults in every page it touches and the Swift runtime looks up what
    /// it needs on first use, and paid here that is not paid on the clock of the benchmark the
    /// child then runs. Its lines go to /dev/null; no benchmark of the registry runs.
    static func rehearse(_ empty: Benchmark, registry: [String: any SwiftBenchmark]) {
        _ = registry[""]
        _ = getenv(ChildSpec.resultFDVariable).flatMap { Int32(String(cString: $0)) }
        // With the clock's cost given and batching off, nothing is calibrated: the rehearsal
        // costs the faults it moves and little more.
        let arguments = ["", "--warmup", "1", "--iterations", "1", "--clock-cost-ns", "20", "--no-batching"]
        guard let invocation = try? WorkerInvocation(parsing: arguments) else { return }
        let sink = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard sink >= 0 else { return }
        defer { close(sink) }
        let output = TerminalOutput(descriptor: sink)
        guard let report = try? IterationEngine.measure(
            empty, settings: invocation.settings,
            sink: { _ = output.write(WorkerStream.samplesLine($0)) },
            calibrated: { _ = output.write(WorkerStream.scaleLine($0)) })
        else { return }
        _ = output.write(WorkerStream.summaryLine(report))
    }

    static func run(arguments: [String], registry: [String: any SwiftBenchmark]) -> Int32 {
        guard let name = arguments.first, let benchmark = registry[name] else {
            fail("worker: no swift benchmark named '\(arguments.first ?? "")' is registered")
            return 2
        }
        let invocation: WorkerInvocation
        do {
            invocation = try WorkerInvocation(parsing: arguments)
        } catch {
            fail(error.description)
            return 2
        }
        let settings = invocation.settings
        let countInstructions = invocation.countInstructions
        let descriptor = getenv(ChildSpec.resultFDVariable).flatMap { Int32(String(cString: $0)) } ?? ChildSpec.resultFD
        let output = TerminalOutput(descriptor: descriptor)
        var writeFailed = false
        var pendingScale = ""
        let report: WorkerReport
        do {
            if countInstructions {
                report = try IterationEngine.countInstructions(benchmark, settings: settings)
                writeFailed = !output.write(WorkerStream.samplesLine(report.samplesNs[...]))
            } else {
                // The scale goes out with the first samples, in one write: every write wakes
                // benchboard, and a scale without samples says nothing.
                report = try IterationEngine.measure(
                    benchmark, settings: settings,
                    sink: { samples in
                        if !writeFailed { writeFailed = !output.write(pendingScale + WorkerStream.samplesLine(samples)) }
                        pendingScale = ""
                    },
                    calibrated: { scale in pendingScale = WorkerStream.scaleLine(scale) })
            }
        } catch {
            fail("\(name): \(error)")
            return 1
        }
        guard !writeFailed, output.write(pendingScale + WorkerStream.summaryLine(report)) else {
            fail("worker: cannot write to the result channel (fd \(descriptor)): \(String(cString: strerror(errno)))")
            return 1
        }
        return 0
    }

    private static func fail(_ message: String) {
        TerminalOutput.standardError.line(message)
    }
}

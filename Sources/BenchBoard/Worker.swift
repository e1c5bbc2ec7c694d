import BenchIsolation
import BenchRunner
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The hidden `worker` mode: benchboard re-executes itself to run one swift benchmark in a fresh
/// process, and sends the samples back on the result channel.
///
/// `benchboard worker NAME --warmup N --iterations N [--min-time-ms MS] [--count-instructions]`
///
/// With `--count-instructions` the worker runs under callgrind and marks each measured iteration
/// for it (see `IterationEngine.countInstructions`).
///
/// It is parsed by hand, before anything else starts, because every millisecond the worker
/// spends starting up is isolation overhead.
enum Worker {
    static func run(arguments: [String], registry: [String: any SwiftBenchmark]) -> Int32 {
        guard let name = arguments.first, let benchmark = registry[name] else {
            fail("worker: no swift benchmark named '\(arguments.first ?? "")' is registered")
            return 2
        }
        var settings = IterationSettings(warmup: 0, iterations: 1, minTimeNs: nil)
        var countInstructions = false
        var index = 1
        while index < arguments.count {
            if arguments[index] == "--count-instructions" {
                countInstructions = true
                index += 1
                continue
            }
            guard index + 1 < arguments.count else {
                fail("worker: \(arguments[index]) needs a value")
                return 2
            }
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--warmup": settings.warmup = min(max(0, Int(value) ?? 0), IterationSettings.maximumIterations)
            case "--iterations": settings.iterations = min(max(1, Int(value) ?? 1), IterationSettings.maximumIterations)
            case "--min-time-ms": settings.minTimeNs = Double(value).map { IterationSettings.nanoseconds(milliseconds: $0) }
            default:
                fail("worker: unknown option \(arguments[index])")
                return 2
            }
            index += 2
        }
        let descriptor = getenv(ChildSpec.resultFDVariable).flatMap { Int32(String(cString: $0)) } ?? ChildSpec.resultFD
        let report: WorkerReport
        do {
            report = countInstructions
                ? try IterationEngine.countInstructions(benchmark, settings: settings)
                : try IterationEngine.measure(benchmark, settings: settings)
        } catch {
            fail("\(name): \(error)")
            return 1
        }
        let line = ResultChannel.encode(report) + "\n"
        guard TerminalOutput(descriptor: descriptor).write(line) else {
            fail("worker: cannot write to the result channel (fd \(descriptor)): \(String(cString: strerror(errno)))")
            return 1
        }
        return 0
    }

    private static func fail(_ message: String) {
        TerminalOutput.standardError.line(message)
    }
}

import BenchConfig
import CCallgrind
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The valgrind that counts instructions for `metric = "instructions"`, and how to call it.
///
/// Commands run under cachegrind (`--cache-sim=no`: only instructions are counted, which is what
/// keeps the slowdown near 20–50× instead of 100×), following children so a shell script counts
/// what it starts. Swift benchmarks run their worker under callgrind with instrumentation off
/// until the worker asks for it: `--instr-atstart=no --collect-atstart=no`, then each measured
/// iteration is wrapped in `CALLGRIND_TOGGLE_COLLECT` and ended with `CALLGRIND_DUMP_STATS`, so
/// every iteration lands in a numbered file of its own (valgrind 3.19's cachegrind has no client
/// requests; callgrind does).
public struct Valgrind: Sendable, Equatable {
    /// Absolute path of the valgrind executable.
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// Finds `valgrind` on `PATH` (benchboard's own, not a benchmark's clean environment).
    public static func locate(environment: [String: String]) -> Valgrind? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for folder in folders where !folder.isEmpty {
            let candidate = "\(folder)/valgrind"
            if access(candidate, X_OK) == 0 { return Valgrind(path: candidate) }
        }
        return nil
    }

    /// Whether this build can count the instructions of Swift benchmarks: it needs the callgrind
    /// client requests, compiled in only where valgrind/callgrind.h was found.
    public static var canCountSwiftBenchmarks: Bool { benchboard_callgrind_available() == 1 }

    /// argv for one iteration of a command: cachegrind writes one file per process into `folder`.
    func commandArguments(_ program: [String], outputFolder folder: String) -> [String] {
        [
            path, "--tool=cachegrind", "--cache-sim=no", "--branch-sim=no", "--trace-children=yes",
            "--cachegrind-out-file=\(folder)/cachegrind.out.%p", "-q",
        ] + program
    }

    /// argv for a worker: callgrind writes `file.1`, `file.2`, … one per measured iteration.
    func workerArguments(_ worker: [String], outputFile file: String) -> [String] {
        [
            path, "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no", "--dump-line=no",
            "--callgrind-out-file=\(file)", "-q",
        ] + worker
    }

    /// The instruction total of one cachegrind or callgrind output file: its `summary:` line.
    static func instructions(inFile path: String) -> Int64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("summary:") {
            return Int64(line.dropFirst("summary:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// The sum over every output file in `folder` (a command and the children it started).
    static func instructions(inFolder folder: String) -> Int64? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let counts = names.filter { $0.hasPrefix("cachegrind.out.") }.compactMap { instructions(inFile: "\(folder)/\($0)") }
        return counts.isEmpty ? nil : counts.reduce(0, +)
    }
}

/// Why a run that counts instructions cannot start; checked before any benchmark runs.
public enum InstructionCountingError: Error, Sendable, Equatable, CustomStringConvertible {
    case valgrindMissing(benchmark: String)
    case swiftCountingUnavailable(benchmark: String)

    public var description: String {
        switch self {
        case .valgrindMissing(let benchmark):
            "benchmark '\(benchmark)' has metric = \"instructions\", which counts instructions under valgrind, and valgrind is not on PATH; install it (Debian/Ubuntu: apt-get install valgrind) or use metric = \"time\""
        case .swiftCountingUnavailable(let benchmark):
            "benchmark '\(benchmark)' has metric = \"instructions\", but this executable was built without valgrind/callgrind.h, so Swift benchmarks cannot count their instructions; install valgrind (Debian/Ubuntu: apt-get install valgrind, which ships the header) and rebuild"
        }
    }
}

extension RunPlan {
    /// The valgrind this plan needs, or nil when no benchmark counts instructions. Throws when
    /// one does and valgrind (or, for a Swift benchmark, the client requests) is missing.
    public func valgrind(environment: [String: String]) throws(InstructionCountingError) -> Valgrind? {
        let counting = benchmarks.filter { $0.metric == .instructions }
        guard let first = counting.first else { return nil }
        guard let valgrind = Valgrind.locate(environment: environment) else {
            throw .valgrindMissing(benchmark: first.name)
        }
        if let swift = counting.first(where: { $0.kind == .swift }), !Valgrind.canCountSwiftBenchmarks {
            throw .swiftCountingUnavailable(benchmark: swift.name)
        }
        return valgrind
    }
}

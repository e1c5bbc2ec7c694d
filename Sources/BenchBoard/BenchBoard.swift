import ArgumentParser
import BenchRunner
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The entry point of every benchboard executable: the `benchboard` tool itself and any package
/// that registers its own Swift benchmarks.
///
/// ```swift
/// // Sources/MyBenchmarks/main.swift
/// import BenchBoard
/// BenchBoard.main([
///     Benchmark("parse-orders") { _ in blackHole(try parseOrders(fixture)) },
/// ])
/// ```
public enum BenchBoard {
    /// Runs the command line (`run`, `report`, `compare`, …) with `benchmarks` registered, and exits.
    public static func main(_ benchmarks: [Benchmark], arguments: [String] = CommandLine.arguments) -> Never {
        let rest = Array(arguments.dropFirst())
        // The worker leaves without Foundation's teardown: its result is already written, and
        // every microsecond it spends is isolation overhead. Buffered output is flushed first.
        if rest.first == "worker" || rest.first == "worker-server" {
            let workerArguments = Array(rest.dropFirst())
            let code = rest.first == "worker"
                ? Worker.run(arguments: workerArguments, registry: registry(benchmarks))
                : Worker.serve(arguments: workerArguments, registry: registry(benchmarks))
            fflush(nil)
            _exit(code)
        }
        exit(run(benchmarks, arguments: rest))
    }

    /// Runs the command line and returns the exit code: 0 success; 1 a benchmark failed, crashed,
    /// timed out or (with --fail-on-regression) regressed; 2 bad usage, config or input; 130 interrupted.
    public static func run(_ benchmarks: [Benchmark], arguments: [String]) -> Int32 {
        let registry = registry(benchmarks)
        // The worker skips argument parsing: its start-up time is isolation overhead.
        if arguments.first == "worker" {
            return Worker.run(arguments: Array(arguments.dropFirst()), registry: registry)
        }
        if arguments.first == "worker-server" {
            return Worker.serve(arguments: Array(arguments.dropFirst()), registry: registry)
        }
        let environment = ProcessInfo.processInfo.environment
        let context = CommandContext(
            registry: registry, registeredNames: benchmarks.map(\.name), environment: environment,
            terminal: Terminal.detect(environment: environment), buildConfiguration: buildConfiguration)
        let command: any ParsableCommand
        do {
            command = try RootCommand.parseAsRoot(arguments)
        } catch {
            let code = RootCommand.exitCode(for: error)
            let message = RootCommand.fullMessage(for: error)
            if code == .success {
                TerminalOutput.standardOutput.line(message)
                return 0
            }
            TerminalOutput.standardError.line(message)
            return CLIExit.usage
        }
        guard let executable = command as? any ExecutableCommand else {
            TerminalOutput.standardOutput.line(RootCommand.helpMessage(for: type(of: command)))
            return 0
        }
        do {
            return try executable.execute(context)
        } catch {
            TerminalOutput.standardError.line("error: " + error.description)
            return error.exitCode
        }
    }

    /// Benchmarks by name; the first of two with the same name wins.
    private static func registry(_ benchmarks: [Benchmark]) -> [String: any SwiftBenchmark] {
        var registry: [String: any SwiftBenchmark] = [:]
        for benchmark in benchmarks where registry[benchmark.name] == nil {
            registry[benchmark.name] = benchmark
        }
        return registry
    }

    /// Numbers from a debug build are not representative; every run record says which it was.
    static var buildConfiguration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }
}

enum CLIExit {
    static let success: Int32 = 0
    static let benchmarkFailed: Int32 = 1
    static let usage: Int32 = 2
    static let interrupted: Int32 = 130
}

/// What every command needs from the process it runs in, handed in rather than read from globals.
struct CommandContext {
    var registry: [String: any SwiftBenchmark]
    var registeredNames: [String]
    var environment: [String: String]
    var terminal: Terminal
    var buildConfiguration: String
    var currentDirectory: String { FileManager.default.currentDirectoryPath }
}

/// A subcommand that runs with the context instead of ArgumentParser's `run()`.
protocol ExecutableCommand: ParsableCommand {
    func execute(_ context: CommandContext) throws(CLIError) -> Int32
}

/// An error that ends a command with a message and an exit code.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32

    init(_ description: String, exitCode: Int32 = CLIExit.usage) {
        self.description = description
        self.exitCode = exitCode
    }
}

struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchboard",
        abstract: "Run benchmarks in isolation, keep their history, and publish reports.",
        discussion: """
            Without a subcommand, benchboard runs the suite in config.toml and writes the reports \
            into the output folder (the same as `benchboard run`).
            Exit codes: 0 success; 1 a benchmark failed, crashed or timed out (or regressed, with \
            --fail-on-regression); 2 bad usage, config or input; 130 interrupted.
            """,
        subcommands: [
            RunCommand.self, ReportCommand.self, CompareCommand.self, ListCommand.self, ValidateCommand.self,
            RunsCommand.self, PruneCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

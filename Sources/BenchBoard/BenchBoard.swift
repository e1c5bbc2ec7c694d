import ArgumentParser
import BenchConfig
import BenchModel
import BenchRunner
import BenchTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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
    ///
    /// `diagnostics` are registered too, as benchmarks that exist to check a harness (crashes,
    /// hangs, daemons): they run when config.toml names them, but `run` and `list` do not point
    /// them out as missing from the config, and a mistyped `swift = "…"` is not offered them.
    public static func main(
        _ benchmarks: [Benchmark], diagnostics: [Benchmark] = [], arguments: [String] = CommandLine.arguments
    ) -> Never {
        let rest = Array(arguments.dropFirst())
        if rest.first == WorkerProtocol.command {
            exit(run(benchmarks, diagnostics: diagnostics, arguments: rest))
        }
        // The worker leaves without Foundation's teardown: its result is already written, and
        // every microsecond it spends is isolation overhead. Buffered output is flushed first.
        if rest.first == WorkerInvocation.command || rest.first == "worker-server" {
            let workerArguments = Array(rest.dropFirst())
            let code = rest.first == WorkerInvocation.command
                ? Worker.run(arguments: workerArguments, registry: registry(benchmarks + diagnostics))
                : Worker.serve(arguments: workerArguments, registry: registry(benchmarks + diagnostics))
            fflush(nil)
            _exit(code)
        }
        exit(run(benchmarks, diagnostics: diagnostics, arguments: rest))
    }

    /// Runs the command line and returns the exit code: 0 success; 1 a benchmark failed, crashed,
    /// timed out or (with --fail-on-regression) regressed; 2 bad usage, config or input; 130 interrupted.
    /// `diagnostics` as in `main(_:diagnostics:arguments:)`.
    public static func run(_ benchmarks: [Benchmark], diagnostics: [Benchmark] = [], arguments: [String]) -> Int32 {
        let registry = registry(benchmarks + diagnostics)
        // The worker skips argument parsing: its start-up time is isolation overhead.
        if arguments.first == WorkerInvocation.command {
            return Worker.run(arguments: Array(arguments.dropFirst()), registry: registry)
        }
        if arguments.first == "worker-server" {
            return Worker.serve(arguments: Array(arguments.dropFirst()), registry: registry)
        }
        // Another build's `benchboard ab` asks what this one's worker speaks (see `WorkerProtocol`).
        if arguments.first == WorkerProtocol.command {
            _ = TerminalOutput.standardOutput.write(
                WorkerProtocol.describe(benchmarks: (benchmarks + diagnostics).map(\.name), buildConfiguration: buildConfiguration))
            return CLIExit.success
        }
        // A closed stdout (`benchboard run | head -n 1`) makes writes fail with EPIPE instead of
        // killing benchboard before the run is stored; terminal output just goes missing.
        signal(SIGPIPE, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        let context = CommandContext(
            registry: registry, registeredNames: (benchmarks + diagnostics).map(\.name),
            diagnosticNames: Set(diagnostics.map(\.name)).subtracting(benchmarks.map(\.name)), environment: environment,
            terminal: Terminal.detect(environment: environment), buildConfiguration: buildConfiguration)
        if let problem = RootCommand.unknownSubcommand(in: arguments) {
            TerminalOutput.standardError.line("error: " + problem)
            return CLIExit.usage
        }
        var command: any ParsableCommand
        do {
            command = try RootCommand.parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        guard let executable = command as? any ExecutableCommand else {
            // `--help`, `-h`, `help SUB` and `SUB --help` parse to ArgumentParser's help command,
            // whose run() throws the help request for the command it was asked about.
            do {
                try command.run()
            } catch {
                return report(error)
            }
            return CLIExit.success
        }
        do {
            return try executable.execute(context)
        } catch {
            // Messages quote names, paths and values from config files and history files.
            TerminalOutput.standardError.line("error: " + SafeText.escaped(error.description, keepingNewlines: true))
            return error.exitCode
        }
    }

    /// Prints what ArgumentParser threw: help and version on stdout (exit 0), errors on stderr (exit 2).
    private static func report(_ error: any Error) -> Int32 {
        let message = RootCommand.fullMessage(for: error)
        if RootCommand.exitCode(for: error) == .success {
            TerminalOutput.standardOutput.line(message)
            return CLIExit.success
        }
        TerminalOutput.standardError.line(SafeText.escaped(message, keepingNewlines: true))
        return CLIExit.usage
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
    /// Every registered Swift benchmark, diagnostic ones included, in registration order.
    var registeredNames: [String]
    /// The registered names that are diagnostic benchmarks (see `BenchBoard.main`).
    var diagnosticNames: Set<String>
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
    /// Every subcommand, in the order `benchboard --help` lists them; a new command is one entry here.
    static let subcommands: [any ParsableCommand.Type] = [
        RunCommand.self, ReportCommand.self, CompareCommand.self, ListCommand.self, ValidateCommand.self,
        ABCommand.self, RunsCommand.self, RecoverCommand.self, PruneCommand.self, PackCommand.self, ImportCommand.self, MergeCommand.self,
        CommentCommand.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "benchboard",
        abstract: "Run benchmarks in isolation, keep their history, and publish reports.",
        discussion: """
            Without a subcommand, benchboard runs the suite in config.toml and writes the reports \
            into the output folder (the same as `benchboard run`).
            Exit codes: 0 success; 1 a benchmark failed, crashed, timed out or went over a limit (or \
            regressed, with --fail-on-regression); 2 bad usage, config or input; 130 interrupted \
            (SIGINT, SIGTERM or SIGHUP; the finished benchmarks are stored, marked interrupted).
            """,
        version: BenchBoardVersion.string,
        subcommands: subcommands,
        defaultSubcommand: RunCommand.self
    )

    /// The names a first argument may have: every subcommand with its aliases, and `help`.
    static var subcommandNames: [String] {
        subcommands.flatMap { command in
            [command.configuration.commandName].compactMap { $0 } + command.configuration.aliases
        } + ["help"]
    }

    /// The error for a first argument that is neither an option nor a subcommand. Without this
    /// check ArgumentParser hands it to the default subcommand (`run`), which then complains about
    /// an unexpected argument and shows its own usage. `run` takes no positional arguments, so a
    /// bare first word can only ever be a subcommand.
    static func unknownSubcommand(in arguments: [String]) -> String? {
        // `help SUB` too: ArgumentParser would show the overview for a SUB it does not know.
        let word = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        guard let first = word, !first.hasPrefix("-"), !subcommandNames.contains(first) else { return nil }
        let names = subcommandNames.filter { $0 != "help" }
        let hint = Suggestion.closest(to: first, in: names).map { " Did you mean '\($0)'?" } ?? ""
        return "'\(SafeText.escaped(first))' is not a benchboard subcommand.\(hint) The subcommands are "
            + names.joined(separator: ", ") + "; `benchboard --help` describes them."
    }
}

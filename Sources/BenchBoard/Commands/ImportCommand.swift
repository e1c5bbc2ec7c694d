import ArgumentParser
import BenchAnalysis
import BenchHistory
import BenchImport
import BenchModel
import BenchStats
import BenchTerminal
import Foundation

struct ImportCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another tool's results into one run file in the history.",
        discussion: """
            Reads hyperfine --export-json, google-benchmark --benchmark_format=json (or \
            --benchmark_out), pytest-benchmark --benchmark-json, and package-benchmark's \
            --format jmh or jsonSmallerIsBetter export. All FILEs of one call become one run \
            (kind "imported"); they must be of one format and name each benchmark once. \
            Nothing is written when any file has a problem (exit 2).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto
        case hyperfine
        case googleBenchmark = "google-benchmark"
        case pytestBenchmark = "pytest-benchmark"
        case packageBenchmark = "package-benchmark"
    }

    @Argument(help: ArgumentHelp("The results files to import.", valueName: "file"))
    var files: [String]

    @Option(help: "The tool that wrote the files; auto recognises each by its content.")
    var format: Format = .auto

    @Option(help: ArgumentHelp("The history folder (default: [report] history of ./config.toml, output/history).", valueName: "dir"))
    var history: String?

    @Option(help: ArgumentHelp("The commit measured (default: the file's, else this checkout's).", valueName: "sha"))
    var commit: String?

    @Option(help: ArgumentHelp("The branch measured (default: the file's, else this checkout's).", valueName: "name"))
    var branch: String?

    @Option(help: ArgumentHelp("The machine's name in the run (default: the host name the file records, else this machine's).", valueName: "name"))
    var machine: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file to import") }
        for (flag, value) in [("--commit", commit), ("--branch", branch), ("--machine", machine)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty || value.contains(where: \.isNewline) {
                throw ValidationError("\(flag) must be one non-empty line")
            }
        }
    }

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let settings = try context.reportSettings(config: nil)
        let location = settings.historyLocation(folder: history)
        let importer = RunImport(
            format: format == .auto ? nil : ImportFormat(rawValue: format.rawValue), commit: commit, branch: branch,
            machineName: machine)
        // Read and converted in one call, so the files' bytes are freed before the run is encoded.
        var run = try makeRun(importer, maxFileBytes: location.maxFileBytes, context: context)
        let store = location.store
        do {
            // Before the statistics, which take long for millions of samples the history would skip.
            try store.precheck(run)
        } catch {
            throw CLIError("\(files.joined(separator: ", ")): \(error.description)")
        }
        // The same statistics a measured run records, from the samples; files with statistics
        // only (pytest-benchmark saved without data) keep their own.
        for index in run.benchmarks.indices where !run.benchmarks[index].samplesNs.isEmpty {
            let threshold = ThresholdDefaults.resolved(
                recorded: run.benchmarks[index].config?.regressionThreshold, suite: settings.regressionThreshold)
            run.benchmarks[index].stats = SampleStatistics.make(
                samplesNs: run.benchmarks[index].samplesNs, threshold: threshold)
        }
        let written: URL
        do {
            // Only what the history will read back: within max_file_mb, dated as the reader accepts.
            written = try store.add(run)
        } catch {
            throw CLIError("\(files.joined(separator: ", ")): \(error.description)")
        }
        TerminalOutput.standardOutput.line(
            "Imported \(UnitFormat.count(run.benchmarks.count, "benchmark")) (\(run.source?.format ?? "?")) as run \(run.id): "
                + context.displayPath(written))
        return CLIExit.success
    }

    private func makeRun(_ importer: RunImport, maxFileBytes: Int64, context: CommandContext) throws(CLIError) -> RunRecord {
        let inputs = try readInputs(maxFileBytes: maxFileBytes)
        do {
            return try importer.makeRun(
                inputs, id: RunID.make(), machine: MachineProbe.current(),
                git: { GitProbe.current(in: context.currentDirectory, environment: context.environment) })
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Every file named, each refused before it is read when it is larger than an import reads
    /// (`ImportFile.maxBytes`).
    private func readInputs(maxFileBytes: Int64) throws(CLIError) -> [ImportFile] {
        var inputs: [ImportFile] = []
        for path in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw CLIError("\(path): \(isDirectory.boolValue ? "is a folder, not a results file" : "no such file")")
            }
            do {
                inputs.append(try ImportFile.read(path: path, runFileLimit: maxFileBytes))
            } catch {
                throw CLIError(error.description)
            }
        }
        return inputs
    }
}

import ArgumentParser
import BenchAnalysis
import BenchHistory
import BenchImport
import BenchModel
import BenchRunner
import BenchStats
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
        let directory = history ?? settings.historyDirectory
        var inputs: [ImportFile] = []
        for path in files {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw CLIError("\(path): \(isDirectory.boolValue ? "is a folder, not a results file" : "no such file")")
            }
            do {
                let data = try Data(contentsOf: url)
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                inputs.append(ImportFile(path: path, data: data, modified: modified))
            } catch {
                throw CLIError("\(path): cannot be read: \((error as NSError).localizedDescription)")
            }
        }
        let importer = RunImport(
            format: format == .auto ? nil : ImportFormat(rawValue: format.rawValue), commit: commit, branch: branch,
            machineName: machine)
        var run: RunRecord
        do {
            run = try importer.makeRun(
                inputs, id: RunID.make(), machine: MachineProbe.current(),
                git: { GitProbe.current(in: context.currentDirectory, environment: context.environment) })
        } catch {
            throw CLIError(error.description)
        }
        // The same statistics a measured run records, from the samples; files with statistics
        // only (pytest-benchmark saved without data) keep their own.
        for index in run.benchmarks.indices where !run.benchmarks[index].samplesNs.isEmpty {
            run.benchmarks[index].stats = SampleStatistics.make(
                samplesNs: run.benchmarks[index].samplesNs, threshold: settings.regressionThreshold)
        }
        let written: URL
        do {
            written = try HistoryStore(directory: URL(fileURLWithPath: directory)).write(run)
        } catch {
            throw CLIError(error.description)
        }
        TerminalOutput.standardOutput.line(
            "Imported \(UnitFormat.count(run.benchmarks.count, "benchmark")) (\(run.source?.format ?? "?")) as run \(run.id): "
                + context.displayPath(written))
        return CLIExit.success
    }
}

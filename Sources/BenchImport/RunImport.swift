import BenchModel
import Foundation

/// Turns one or more results files of another tool into one run record. Nothing is written
/// here: the caller writes the run only when every file was read without a problem.
public struct RunImport: Sendable {
    /// nil: detect each file's format from its content.
    public var format: ImportFormat?
    /// `--commit`, `--branch`, `--machine`: beat what the files and the checkout say.
    public var commit: String?
    public var branch: String?
    public var machineName: String?

    public init(format: ImportFormat?, commit: String? = nil, branch: String? = nil, machineName: String? = nil) {
        self.format = format
        self.commit = commit
        self.branch = branch
        self.machineName = machineName
    }

    /// `machine`: this machine, for what the files do not say. `git`: the checkout's commit,
    /// asked only when neither the command line nor the files name one. `now`: this machine's
    /// clock, for the dates the history accepts (`HistoryLimits.dateProblem`).
    public func makeRun(
        _ files: [ImportFile], id: String, machine: MachineInfo, now: Date = Date(), git: () -> GitInfo?
    ) throws(ImportFailure) -> RunRecord {
        var format: ImportFormat?
        var parts: [(file: ImportFile, results: ImportedResults)] = []
        var owner: [String: String] = [:]
        for (index, file) in files.enumerated() {
            if files[..<index].contains(where: { $0.path == file.path }) {
                throw ImportFailure(path: file.path, problem: .namedTwice)
            }
            let results: ImportedResults
            let fileFormat: ImportFormat
            do {
                let document = JSONNode(try JSONValue.parse(file.data))
                fileFormat = try self.format ?? ImportFormat.detect(document)
                results = try fileFormat.importer.read(document)
                guard !results.benchmarks.isEmpty else { throw ImportProblem.noBenchmarks(format: fileFormat.rawValue) }
                var seen: Set<String> = []
                for benchmark in results.benchmarks where !seen.insert(benchmark.name).inserted {
                    throw ImportProblem.duplicate(name: benchmark.name)
                }
            } catch let problem as ImportProblem {
                throw ImportFailure(path: file.path, problem: problem)
            } catch {
                throw ImportFailure(path: file.path, problem: .notJSON("\(error)"))
            }
            if let format, format != fileFormat {
                throw ImportFailure(path: file.path, problem: .mixedFormats(this: fileFormat.rawValue, before: format.rawValue))
            }
            format = fileFormat
            // The history reader's date rule, named for the file the date comes from: the run's
            // start is the earliest file date, its finish the latest modification time.
            for (label, date) in [("the run's start", results.startedAt), ("the file's modification time", file.modified)] {
                if let date, let problem = HistoryLimits.dateProblem(date, now: now) {
                    throw ImportFailure(path: file.path, problem: .date(problem, label: label))
                }
            }
            for benchmark in results.benchmarks {
                if let earlier = owner[benchmark.name] {
                    throw ImportFailure(path: file.path, problem: .alsoIn(name: benchmark.name, file: earlier))
                }
                owner[benchmark.name] = file.path
            }
            parts.append((file, results))
        }

        let found = parts.map(\.results)
        let started = found.compactMap(\.startedAt).min() ?? parts.compactMap(\.file.modified).min() ?? now
        let finished = max(started, parts.compactMap(\.file.modified).max() ?? started)
        var context: [String: String] = [:]
        for results in found { context.merge(results.context) { first, _ in first } }
        let benchmarks = found.flatMap(\.benchmarks).map(Self.result)
        return RunRecord(
            id: id, startedAt: started, finishedAt: finished, isolation: benchmarks.allSatisfy { $0.mode == .isolated },
            // The tools' own builds are not benchboard's: "release" is what their numbers are for.
            buildConfiguration: "release", git: gitInfo(found, checkout: git),
            machine: machineInfo(found, this: machine), benchmarks: benchmarks, kind: .imported,
            source: RunSource(format: format?.rawValue, files: files.map(\.path), context: context.isEmpty ? nil : context))
    }

    /// The command line first, then the first file that names a commit, then the checkout.
    private func gitInfo(_ found: [ImportedResults], checkout: () -> GitInfo?) -> GitInfo? {
        if commit != nil {
            let fromFile = found.compactMap(\.git).first { $0.commit == commit }
            return GitInfo(commit: commit, branch: branch ?? fromFile?.branch, dirty: fromFile?.dirty)
        }
        if var info = found.compactMap(\.git).first {
            if let branch { info.branch = branch }
            return info
        }
        guard var info = checkout() else { return branch.map { GitInfo(commit: nil, branch: $0, dirty: nil) } }
        if let branch { info.branch = branch }
        return info
    }

    /// This machine's description, with what the files say about theirs in its place. The
    /// Swift version is left out: it is the version benchboard was built with, which says
    /// nothing about another tool's numbers, and would split one machine's series in two.
    private func machineInfo(_ found: [ImportedResults], this: MachineInfo) -> MachineInfo {
        var machine = this
        machine.swiftVersion = nil
        if let hostname = found.compactMap(\.hostname).first { machine.hostname = hostname }
        if let cpuModel = found.compactMap(\.cpuModel).first { machine.cpuModel = cpuModel }
        if let cores = found.compactMap(\.cores).first, cores > 0 { machine.cores = cores }
        if let kernel = found.compactMap(\.kernel).first { machine.kernel = kernel }
        // The tools name the system only ("Linux"); this machine's fuller name stays unless
        // the file was written on another system altogether.
        if let system = found.compactMap(\.system).first, !machine.os.localizedCaseInsensitiveContains(system),
            !Self.currentSystem.localizedCaseInsensitiveContains(system)
        {
            machine.os = system
        }
        if let machineName { machine.hostname = machineName }
        return machine
    }

    private static var currentSystem: String {
        #if os(Linux)
            "Linux"
        #elseif os(macOS)
            "Darwin"
        #else
            "unknown"
        #endif
    }

    private static func result(_ imported: ImportedBenchmark) -> BenchmarkResult {
        let totalNs = imported.totalNs ?? imported.samplesNs.reduce(0.0) { $0 + Double($1) }
        return BenchmarkResult(
            name: imported.name, group: imported.group, kind: .command, mode: imported.mode, outcome: imported.outcome,
            exitCode: imported.exitCode, error: imported.error, timeoutMs: 0, warmup: imported.warmup,
            samplesNs: imported.samplesNs, stats: imported.stats,
            // The measured time is all that is known of the cost; the tool's own overhead is not.
            resources: Resources(
                maxRSSBytes: imported.maxRSSBytes, cpuUserUs: imported.cpuUserUs, cpuSystemUs: imported.cpuSystemUs,
                totalMs: totalNs / 1e6),
            // hyperfine times each process from outside; the others time inside their process.
            samplesSource: imported.samplesNs.isEmpty ? nil : (imported.mode == .isolated ? .wall : .harness))
    }
}

import BenchModel
import Foundation

/// Puts the runs of one commit on one machine (the shards of `run --shard i/n`, or matrix jobs)
/// back together as one run. The inputs are only read: the merged run is a new record.
///
/// Refused: runs of different commits, machines (by fingerprint: CPU model, cores, memory,
/// OS, kernel, Swift version; the host name may differ, as CI jobs on one kind of runner do) or
/// build configurations, and a benchmark present in two runs unless `preferNewest`.
///
/// The merged run: a new id; `startedAt` the earliest input's start, `finishedAt` the latest
/// input's finish; interrupted or dirty when any input was; `isolation` only when every input
/// ran isolated; commit, branch and machine description (host name included) of the input that
/// started first, title and config path the first any input records; benchmarks in the order of
/// the inputs' start times; a `selection` only of benchmarks that no input ran.
public enum RunMerge {
    public struct Input: Sendable {
        /// How the run was named on the command line, for messages.
        public var label: String
        public var record: RunRecord
        /// The file it was read from.
        public var file: String

        public init(label: String, record: RunRecord, file: String) {
            self.label = label
            self.record = record
            self.file = file
        }
    }

    /// `now`: this machine's clock. An input the history reader would skip (dated in the future
    /// or before 1970, impossible figures) is refused by name, since the merged run would carry
    /// its dates and figures.
    public static func merge(_ inputs: [Input], id: String, preferNewest: Bool, now: Date = Date()) throws(MergeError) -> RunRecord {
        // One run is allowed: a matrix whose other shards were empty leaves one run file, and the
        // merge job must still record the commit's run.
        guard !inputs.isEmpty else { throw .tooFew }
        for input in inputs {
            if let problem = RunPlausibility.problem(in: input.record, now: now) {
                throw .unusable(input.label, reason: problem.reason)
            }
        }
        var ids: Set<String> = []
        for input in inputs where !ids.insert(input.record.id).inserted { throw .sameRunTwice(input.label) }
        try same("the commit", inputs) { $0.git?.commit ?? "no commit" }
        try same("the build configuration", inputs) { $0.buildConfiguration }
        try same("the machine's CPU model", inputs) { $0.machine.cpuModel }
        try same("the machine's core count", inputs) { "\($0.machine.cores) cores" }
        try same("the machine's memory", inputs) { "\($0.machine.memoryBytes) bytes" }
        try same("the machine's operating system", inputs) { $0.machine.os }
        try same("the machine's kernel", inputs) { $0.machine.kernel }
        try same("the Swift version", inputs) { $0.machine.swiftVersion ?? "none" }

        // Oldest first; the order given breaks ties, so "newest" is the later one named.
        let ordered = inputs.enumerated().sorted { a, b in
            a.element.record.startNs != b.element.record.startNs
                ? a.element.record.startNs < b.element.record.startNs : a.offset < b.offset
        }.map(\.element)
        var benchmarks: [BenchmarkResult] = []
        var owner: [String: (index: Int, label: String)] = [:]
        for input in ordered {
            for result in input.record.benchmarks {
                if let earlier = owner[result.name] {
                    guard preferNewest else { throw .duplicate(benchmark: result.name, runs: [earlier.label, input.label]) }
                    benchmarks[earlier.index] = result
                    owner[result.name] = (earlier.index, input.label)
                } else {
                    owner[result.name] = (benchmarks.count, input.label)
                    benchmarks.append(result)
                }
            }
        }

        let first = ordered[0].record
        let records = ordered.map(\.record)
        var git = first.git
        if git != nil, records.contains(where: { $0.git?.dirty == true }) { git?.dirty = true }
        let formats = Set(records.map { $0.source?.format })
        return RunRecord(
            id: id, startedAt: first.startedAt, startedAtUnixNs: first.startedAtUnixNs,
            finishedAt: records.map(\.finishedAt).max() ?? first.finishedAt,
            interrupted: records.contains(where: \.interrupted), isolation: records.allSatisfy(\.isolation),
            buildConfiguration: first.buildConfiguration, title: records.compactMap(\.title).first,
            configPath: records.compactMap(\.configPath).first, git: git, machine: first.machine, benchmarks: benchmarks,
            selection: selection(records, merged: benchmarks), kind: .merged,
            source: RunSource(
                format: formats.count == 1 ? formats.first ?? nil : nil, files: inputs.map(\.file),
                runIDs: inputs.map(\.record.id)))
    }

    /// What the merged run still leaves out: the benchmarks no input ran (a shard's
    /// `notSelected` names the other shards' benchmarks). Nil when together they ran the whole
    /// selection, as the shards of one suite do.
    private static func selection(_ records: [RunRecord], merged: [BenchmarkResult]) -> RunSelection? {
        let ran = Set(merged.map(\.name))
        let lists = records.map { $0.selection?.notSelected ?? [] }
        var left = lists.dropFirst().reduce(Set(lists.first ?? [])) { $0.intersection($1) }
        left.subtract(ran)
        guard !left.isEmpty else { return nil }
        let filters = Set(records.map { $0.selection?.filter })
        return RunSelection(
            filter: filters.count == 1 ? filters.first ?? nil : nil, shard: nil,
            notSelected: (lists.first ?? []).filter { left.contains($0) })
    }

    private static func same(_ field: String, _ inputs: [Input], _ value: (RunRecord) -> String) throws(MergeError) {
        let values = inputs.map { MergeError.Labelled(run: $0.label, value: value($0.record)) }
        if Set(values.map(\.value)).count > 1 { throw .differs(field: field, values: values) }
    }
}

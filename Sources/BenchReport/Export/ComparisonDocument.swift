import BenchAnalysis
import BenchModel
import Foundation

/// The JSON shape of `JSONExporter`, with explicit nulls so every document has the same keys.
/// Documented on `JSONExporter`.
struct ComparisonDocument: Encodable {
    struct Run: Encodable {
        var id: String
        var startedAt: Date
        var commit: String?
        var branch: String?
        var buildConfiguration: String
        var machine: String

        init(_ run: RunRecord) {
            id = run.id
            startedAt = run.startedAt
            commit = run.git?.commit
            branch = run.git?.branch
            buildConfiguration = run.buildConfiguration
            machine = run.machine.fingerprint
        }

        enum CodingKeys: String, CodingKey { case id, startedAt, commit, branch, buildConfiguration, machine }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(commit, forKey: .commit)
            try c.encode(branch, forKey: .branch)
            try c.encode(buildConfiguration, forKey: .buildConfiguration)
            try c.encode(machine, forKey: .machine)
        }
    }

    struct Metric: Encodable {
        var metric: MetricComparison

        enum CodingKeys: String, CodingKey {
            case baseline, current, changePercent, verdict, pValue, reference, note, detectablePercent, processSpreadPercent
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(metric.baseline.finite, forKey: .baseline)
            try c.encode(metric.current.finite, forKey: .current)
            try c.encode(metric.changePercent.finite, forKey: .changePercent)
            try c.encode(metric.verdict, forKey: .verdict)
            try c.encode(metric.pValue.finite, forKey: .pValue)
            try c.encode(metric.reference.finite, forKey: .reference)
            try c.encode(metric.note, forKey: .note)
            try c.encode(metric.detectablePercent.finite, forKey: .detectablePercent)
            try c.encode(metric.processSpreadPercent.finite, forKey: .processSpreadPercent)
        }
    }

    struct Row: Encodable {
        var name: String
        var group: String
        var verdict: Verdict
        var time: Metric
        var memory: Metric
        var cpu: Metric
        /// Null unless either side counted instructions.
        var instructions: Metric?
        /// Shown, never gating (`informational = true`).
        var informational: Bool

        enum CodingKeys: String, CodingKey { case name, group, verdict, informational, time, memory, cpu, instructions }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(group, forKey: .group)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(informational, forKey: .informational)
            try c.encode(time, forKey: .time)
            try c.encode(memory, forKey: .memory)
            try c.encode(cpu, forKey: .cpu)
            try c.encode(instructions, forKey: .instructions)
        }
    }

    var schema = "benchboard.compare/1"
    var current: Run
    var baseline: Run?
    var caveat: String?
    var hasRegressionOrFailure: Bool
    var counts: [String: Int]
    var benchmarks: [Row]

    init(_ comparison: RunComparison) {
        current = Run(comparison.current)
        baseline = comparison.baseline.map(Run.init)
        caveat = comparison.caveat
        hasRegressionOrFailure = comparison.hasRegressionOrFailure
        let tally = comparison.verdictCounts
        counts = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, tally[$0] ?? 0) })
        benchmarks = comparison.benchmarksWorstFirst.map {
            Row(
                name: $0.name, group: $0.group, verdict: $0.verdict, time: Metric(metric: $0.time),
                memory: Metric(metric: $0.memory), cpu: Metric(metric: $0.cpu), instructions: $0.instructions.map(Metric.init),
                informational: $0.informational)
        }
    }

    enum CodingKeys: String, CodingKey { case schema, current, baseline, caveat, hasRegressionOrFailure, counts, benchmarks }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(current, forKey: .current)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(caveat, forKey: .caveat)
        try c.encode(hasRegressionOrFailure, forKey: .hasRegressionOrFailure)
        try c.encode(counts, forKey: .counts)
        try c.encode(benchmarks, forKey: .benchmarks)
    }
}

extension Optional where Wrapped == Double {
    /// JSON has no NaN or infinity: such a value is written as null.
    fileprivate var finite: Double? {
        guard let value = self, value.isFinite else { return nil }
        return value
    }
}

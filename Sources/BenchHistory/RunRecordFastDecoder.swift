import BenchModel
import Foundation

/// Decodes the exact shape `RunRecordCoding` writes without Codable's per-field overhead
/// (generic metadata lookups, retain/release), which dominated loading a long history: 1000
/// runs × 100 benchmarks took seconds through JSONDecoder.
///
/// Any surprise (an unknown key, a missing field, another date form, invalid JSON) returns nil
/// and the caller decodes with JSONDecoder, so this path can only be faster, never different:
/// a key added to the model but not here simply takes the slow path.
enum RunRecordFastDecoder {
    typealias Reader = JSONPullReader
    typealias Mismatch = JSONPullReader.Mismatch

    static func decode(_ data: Data) -> RunRecord? {
        data.withUnsafeBytes { raw -> RunRecord? in
            var reader = Reader(raw.bindMemory(to: UInt8.self))
            do {
                let record = try runRecord(&reader)
                try reader.end()
                return record
            } catch {
                return nil
            }
        }
    }

    private static func runRecord(_ r: inout Reader) throws(Mismatch) -> RunRecord {
        var schema: String?
        var id: String?
        var startedAt: Date?
        var startedAtUnixNs: Int64?
        var finishedAt: Date?
        var interrupted: Bool?
        var isolation: Bool?
        var buildConfiguration: String?
        var title: String?
        var configPath: String?
        var git: GitInfo?
        var machine: MachineInfo?
        var benchmarks: [BenchmarkResult]?
        var selection: RunSelection?
        var kind: RunKind?
        var source: RunSource?
        var clockCostNs: Double?
        var ab: ABBase?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "schema": schema = try r.string()
            case "id": id = try r.string()
            case "startedAt": startedAt = try r.date()
            case "startedAtUnixNs": startedAtUnixNs = r.null() ? nil : try r.int64()
            case "finishedAt": finishedAt = try r.date()
            case "interrupted": interrupted = try r.bool()
            case "isolation": isolation = try r.bool()
            case "buildConfiguration": buildConfiguration = try r.string()
            case "title": title = r.null() ? nil : try r.string()
            case "configPath": configPath = r.null() ? nil : try r.string()
            case "git": git = r.null() ? nil : try gitInfo(&r)
            case "machine": machine = try machineInfo(&r)
            case "benchmarks": benchmarks = try array(&r, benchmarkResult)
            case "selection": selection = r.null() ? nil : try runSelection(&r)
            case "kind": kind = r.null() ? nil : try enumValue(&r)
            case "source": source = r.null() ? nil : try runSource(&r)
            case "clockCostNs": clockCostNs = r.null() ? nil : try r.double()
            case "ab": ab = r.null() ? nil : try abBase(&r)
            default: throw Mismatch()
            }
        }
        guard let schema, let id, let startedAt, let finishedAt, let interrupted, let isolation, let buildConfiguration,
            let machine, let benchmarks
        else { throw Mismatch() }
        return RunRecord(
            schema: schema, id: id, startedAt: startedAt, startedAtUnixNs: startedAtUnixNs, finishedAt: finishedAt,
            interrupted: interrupted, isolation: isolation, buildConfiguration: buildConfiguration, title: title,
            configPath: configPath, git: git, machine: machine, benchmarks: benchmarks, selection: selection, kind: kind,
            source: source, clockCostNs: clockCostNs, ab: ab)
    }

    private static func runSelection(_ r: inout Reader) throws(Mismatch) -> RunSelection {
        var filter: String?
        var shard: String?
        var notSelected: [String]?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "filter": filter = r.null() ? nil : try r.string()
            case "shard": shard = r.null() ? nil : try r.string()
            case "notSelected": notSelected = try array(&r) { (r: inout Reader) throws(Mismatch) in try r.string() }
            default: throw Mismatch()
            }
        }
        guard let notSelected else { throw Mismatch() }
        return RunSelection(filter: filter, shard: shard, notSelected: notSelected)
    }

    private static func runSource(_ r: inout Reader) throws(Mismatch) -> RunSource {
        var source = RunSource(format: nil, files: [])
        var files: [String]?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "format": source.format = r.null() ? nil : try r.string()
            case "files": files = try array(&r) { (r: inout Reader) throws(Mismatch) in try r.string() }
            case "runIDs":
                source.runIDs = r.null() ? nil : try array(&r) { (r: inout Reader) throws(Mismatch) in try r.string() }
            case "context":
                if !r.null() {
                    var values: [String: String] = [:]
                    try r.beginObject()
                    var entries = Reader.Keys()
                    while let name = try r.nextKey(&entries) { values[name] = try r.string() }
                    source.context = values
                }
            default: throw Mismatch()
            }
        }
        guard let files else { throw Mismatch() }
        source.files = files
        return source
    }

    private static func gitInfo(_ r: inout Reader) throws(Mismatch) -> GitInfo {
        var info = GitInfo(commit: nil, branch: nil, dirty: nil, subject: nil)
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "commit": info.commit = r.null() ? nil : try r.string()
            case "branch": info.branch = r.null() ? nil : try r.string()
            case "dirty": info.dirty = r.null() ? nil : try r.bool()
            case "subject": info.subject = r.null() ? nil : try r.string()
            default: throw Mismatch()
            }
        }
        return info
    }

    private static func machineInfo(_ r: inout Reader) throws(Mismatch) -> MachineInfo {
        var hostname: String?
        var os: String?
        var kernel: String?
        var cpuModel: String?
        var cores: Int?
        var memoryBytes: UInt64?
        var swiftVersion: String?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "hostname": hostname = try r.string()
            case "os": os = try r.string()
            case "kernel": kernel = try r.string()
            case "cpuModel": cpuModel = try r.string()
            case "cores": cores = try r.int()
            case "memoryBytes": memoryBytes = try r.uint64()
            case "swiftVersion": swiftVersion = r.null() ? nil : try r.string()
            default: throw Mismatch()
            }
        }
        guard let hostname, let os, let kernel, let cpuModel, let cores, let memoryBytes else { throw Mismatch() }
        return MachineInfo(
            hostname: hostname, os: os, kernel: kernel, cpuModel: cpuModel, cores: cores, memoryBytes: memoryBytes,
            swiftVersion: swiftVersion)
    }

    private static func benchmarkResult(_ r: inout Reader) throws(Mismatch) -> BenchmarkResult {
        var name: String?
        var group: String?
        var kind: BenchmarkKind?
        var mode: ExecutionMode?
        var outcome: Outcome?
        var exitCode: Int32?
        var signal: String?
        var error: String?
        var stderrTail: String?
        var killedBy: String?
        var targetNs: Int64?
        var timeoutMs: Int?
        var warmup: Int?
        var samplesNs: [Int64]?
        var samplesSource: SamplesSource?
        var stats: SampleStats?
        var metric = Metric.time
        var samplesInstructions: [Int64]?
        var instructionStats: CountStats?
        var resources: Resources?
        var config: BenchmarkSettings?
        var limits: [AppliedLimit]?
        var limitHit: LimitedResource?
        var processes: [ProcessRecord]?
        var batchSize: Int?
        var scalingFactor: Int?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "name": name = try r.string()
            case "group": group = try r.string()
            case "kind": kind = try enumValue(&r)
            case "mode": mode = try enumValue(&r)
            case "outcome": outcome = try enumValue(&r)
            case "exitCode":
                if !r.null() {
                    guard let code = Int32(exactly: try r.int64()) else { throw Mismatch() }
                    exitCode = code
                }
            case "signal": signal = r.null() ? nil : try r.string()
            case "error": error = r.null() ? nil : try r.string()
            case "stderrTail": stderrTail = r.null() ? nil : try r.string()
            case "killedBy": killedBy = r.null() ? nil : try r.string()
            case "targetNs": targetNs = r.null() ? nil : try r.int64()
            case "timeoutMs": timeoutMs = try r.int()
            case "warmup": warmup = try r.int()
            case "samplesNs": samplesNs = try array(&r) { (r: inout Reader) throws(Mismatch) in try r.int64() }
            case "samplesSource": samplesSource = r.null() ? nil : try enumValue(&r)
            case "stats": stats = r.null() ? nil : try sampleStats(&r)
            case "metric": metric = try enumValue(&r)
            case "samplesInstructions":
                samplesInstructions = r.null() ? nil : try array(&r) { (r: inout Reader) throws(Mismatch) in try r.int64() }
            case "instructionStats": instructionStats = r.null() ? nil : try countStats(&r)
            case "resources": resources = try self.resources(&r)
            case "config": config = r.null() ? nil : try settings(&r)
            case "limits": limits = r.null() ? nil : try array(&r, appliedLimit)
            case "limitHit": limitHit = r.null() ? nil : try enumValue(&r)
            case "processes": processes = r.null() ? nil : try array(&r, processRecord)
            case "batchSize": batchSize = r.null() ? nil : try r.int()
            case "scalingFactor": scalingFactor = r.null() ? nil : try r.int()
            default: throw Mismatch()
            }
        }
        guard let name, let group, let kind, let mode, let outcome, let timeoutMs, let warmup, let samplesNs,
            let resources
        else { throw Mismatch() }
        return BenchmarkResult(
            name: name, group: group, kind: kind, mode: mode, outcome: outcome, exitCode: exitCode, signal: signal,
            error: error, stderrTail: stderrTail, killedBy: killedBy, targetNs: targetNs, timeoutMs: timeoutMs,
            warmup: warmup, samplesNs: samplesNs, stats: stats, metric: metric, samplesInstructions: samplesInstructions,
            instructionStats: instructionStats, resources: resources, config: config, samplesSource: samplesSource,
            limits: limits, limitHit: limitHit, processes: processes, batchSize: batchSize, scalingFactor: scalingFactor)
    }
}

import BenchModel
import Foundation

/// The fast decoder's readers of the smaller objects a run holds: a result's processes, limits,
/// statistics, resources and settings, and an A/B run's base.
extension RunRecordFastDecoder {
    static func abBase(_ r: inout Reader) throws(Mismatch) -> ABBase {
        var label: String?
        var commit: String?
        var runID: String?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "label": label = try r.string()
            case "commit": commit = r.null() ? nil : try r.string()
            case "runID": runID = r.null() ? nil : try r.string()
            default: throw Mismatch()
            }
        }
        guard let label else { throw Mismatch() }
        return ABBase(label: label, commit: commit, runID: runID)
    }

    static func processRecord(_ r: inout Reader) throws(Mismatch) -> ProcessRecord {
        var process = ProcessRecord(round: -1, samples: -1, outcome: .ok, wallMs: .nan)
        var sawOutcome = false
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "round": process.round = try r.int()
            case "samples": process.samples = try r.int()
            case "outcome":
                process.outcome = try enumValue(&r)
                sawOutcome = true
            case "exitCode":
                if !r.null() {
                    guard let code = Int32(exactly: try r.int64()) else { throw Mismatch() }
                    process.exitCode = code
                }
            case "signal": process.signal = r.null() ? nil : try r.string()
            case "maxRSSBytes": process.maxRSSBytes = r.null() ? nil : try r.uint64()
            case "memoryGrowthBytes": process.memoryGrowthBytes = r.null() ? nil : try r.uint64()
            case "cpuUserUs": process.cpuUserUs = r.null() ? nil : try r.uint64()
            case "cpuSystemUs": process.cpuSystemUs = r.null() ? nil : try r.uint64()
            case "wallMs": process.wallMs = try r.double()
            case "iterations": process.iterations = r.null() ? nil : try r.int()
            case "spawns": process.spawns = r.null() ? nil : try r.int()
            case "machineBusy": process.machineBusy = r.null() ? nil : try r.double()
            case "steal": process.steal = r.null() ? nil : try r.double()
            default: throw Mismatch()
            }
        }
        // Required fields; JSON has no NaN, so NaN means wallMs was missing.
        guard process.round >= 0, process.samples >= 0, sawOutcome, !process.wallMs.isNaN else { throw Mismatch() }
        return process
    }

    static func appliedLimit(_ r: inout Reader) throws(Mismatch) -> AppliedLimit {
        var resource: LimitedResource?
        var value: Double?
        var mechanism: String?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "resource": resource = try enumValue(&r)
            case "value": value = try r.double()
            case "mechanism": mechanism = try r.string()
            default: throw Mismatch()
            }
        }
        guard let resource, let value, let mechanism else { throw Mismatch() }
        return AppliedLimit(resource: resource, value: value, mechanism: mechanism)
    }

    static func countStats(_ r: inout Reader) throws(Mismatch) -> CountStats {
        var count: Int?
        var min: Double?
        var max: Double?
        var mean: Double?
        var median: Double?
        var stddev: Double?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "count": count = try r.int()
            case "min": min = try r.double()
            case "max": max = try r.double()
            case "mean": mean = try r.double()
            case "median": median = try r.double()
            case "stddev": stddev = try r.double()
            default: throw Mismatch()
            }
        }
        guard let count, let min, let max, let mean, let median, let stddev else { throw Mismatch() }
        return CountStats(count: count, min: min, max: max, mean: mean, median: median, stddev: stddev)
    }

    static func sampleStats(_ r: inout Reader) throws(Mismatch) -> SampleStats {
        var count: Int?
        var minNs: Double?
        var maxNs: Double?
        var meanNs: Double?
        var medianNs: Double?
        var stddevNs: Double?
        var madNs: Double?
        var p90Ns: Double?
        var p99Ns: Double?
        var cv: Double?
        var ciLowNs: Double?
        var ciHighNs: Double?
        var noisy: Bool?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "count": count = try r.int()
            case "minNs": minNs = try r.double()
            case "maxNs": maxNs = try r.double()
            case "meanNs": meanNs = try r.double()
            case "medianNs": medianNs = try r.double()
            case "stddevNs": stddevNs = try r.double()
            case "madNs": madNs = r.null() ? nil : try r.double()
            case "p90Ns": p90Ns = r.null() ? nil : try r.double()
            case "p99Ns": p99Ns = r.null() ? nil : try r.double()
            case "cv": cv = r.null() ? nil : try r.double()
            case "ciLowNs": ciLowNs = r.null() ? nil : try r.double()
            case "ciHighNs": ciHighNs = r.null() ? nil : try r.double()
            case "noisy": noisy = r.null() ? nil : try r.bool()
            default: throw Mismatch()
            }
        }
        guard let count, let minNs, let maxNs, let meanNs, let medianNs, let stddevNs else { throw Mismatch() }
        return SampleStats(
            count: count, minNs: minNs, maxNs: maxNs, meanNs: meanNs, medianNs: medianNs, stddevNs: stddevNs,
            madNs: madNs, p90Ns: p90Ns, p99Ns: p99Ns, cv: cv, ciLowNs: ciLowNs, ciHighNs: ciHighNs, noisy: noisy)
    }

    static func resources(_ r: inout Reader) throws(Mismatch) -> Resources {
        var resources = Resources(totalMs: .nan)
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "totalMs": resources.totalMs = try r.double()
            case "overheadMs": resources.overheadMs = r.null() ? nil : try r.double()
            case "maxRSSBytes": resources.maxRSSBytes = r.null() ? nil : try r.uint64()
            case "peakMemoryGrowthBytes": resources.peakMemoryGrowthBytes = r.null() ? nil : try r.uint64()
            case "peakMemoryGrowthWithWarmupBytes": resources.peakMemoryGrowthWithWarmupBytes = r.null() ? nil : try r.uint64()
            case "cpuUserUs": resources.cpuUserUs = r.null() ? nil : try r.uint64()
            case "cpuSystemUs": resources.cpuSystemUs = r.null() ? nil : try r.uint64()
            case "voluntaryContextSwitches": resources.voluntaryContextSwitches = r.null() ? nil : try r.uint64()
            case "involuntaryContextSwitches": resources.involuntaryContextSwitches = r.null() ? nil : try r.uint64()
            case "minorFaults": resources.minorFaults = r.null() ? nil : try r.uint64()
            case "majorFaults": resources.majorFaults = r.null() ? nil : try r.uint64()
            case "cgroupPeakBytes": resources.cgroupPeakBytes = r.null() ? nil : try r.uint64()
            default: throw Mismatch()
            }
        }
        // totalMs is required; JSON has no NaN, so NaN here means it was missing.
        guard !resources.totalMs.isNaN else { throw Mismatch() }
        return resources
    }

    static func settings(_ r: inout Reader) throws(Mismatch) -> BenchmarkSettings {
        var command: [String]?
        var swift: String?
        var iterations: Int?
        var minTimeMs: Double?
        var maxDurationMs: Double?
        var graceMs: Int?
        var killSignal: String?
        var env: [String: String]?
        var inheritEnv: [String]?
        var regressionThreshold: Double?
        var metric: Metric?
        var rounds: Int?
        var informational: Bool?
        try r.beginObject()
        var keys = Reader.Keys()
        while let key = try r.nextKey(&keys) {
            switch key {
            case "command": command = r.null() ? nil : try array(&r) { (r: inout Reader) throws(Mismatch) in try r.string() }
            case "swift": swift = r.null() ? nil : try r.string()
            case "iterations": iterations = try r.int()
            case "minTimeMs": minTimeMs = r.null() ? nil : try r.double()
            case "maxDurationMs": maxDurationMs = r.null() ? nil : try r.double()
            case "graceMs": graceMs = try r.int()
            case "killSignal": killSignal = try r.string()
            case "env":
                var values: [String: String] = [:]
                try r.beginObject()
                var entries = Reader.Keys()
                while let name = try r.nextKey(&entries) { values[name] = try r.string() }
                env = values
            case "inheritEnv": inheritEnv = try array(&r) { (r: inout Reader) throws(Mismatch) in try r.string() }
            case "regressionThreshold": regressionThreshold = r.null() ? nil : try r.double()
            case "metric": metric = r.null() ? nil : try enumValue(&r)
            case "rounds": rounds = r.null() ? nil : try r.int()
            case "informational": informational = r.null() ? nil : try r.bool()
            default: throw Mismatch()
            }
        }
        guard let iterations, let graceMs, let killSignal, let env, let inheritEnv else { throw Mismatch() }
        return BenchmarkSettings(
            command: command, swift: swift, iterations: iterations, minTimeMs: minTimeMs, maxDurationMs: maxDurationMs,
            graceMs: graceMs, killSignal: killSignal, env: env, inheritEnv: inheritEnv, regressionThreshold: regressionThreshold,
            metric: metric, rounds: rounds, informational: informational)
    }

    @inline(__always)
    static func array<T>(_ r: inout Reader, _ element: (inout Reader) throws(Mismatch) -> T)
        throws(Mismatch) -> [T]
    {
        var values: [T] = []
        try r.beginArray()
        var first = true
        while try r.nextElement(&first) { values.append(try element(&r)) }
        return values
    }

    @inline(__always)
    static func enumValue<T: RawRepresentable>(_ r: inout Reader) throws(Mismatch) -> T where T.RawValue == String {
        guard let value = T(rawValue: try r.string()) else { throw Mismatch() }
        return value
    }
}

import BenchModel
import Foundation

/// One benchmark's result in the cache's binary form; see `CacheRecordCoding`.
extension CacheRecordCoding {
    static func write(_ result: BenchmarkResult, to w: inout CacheWriter) {
        w.string(result.name)
        w.string(result.group)
        w.string(result.kind.rawValue)
        w.string(result.mode.rawValue)
        w.string(result.outcome.rawValue)
        w.optional(result.exitCode) { $0.signed(Int64($1)) }
        w.optional(result.signal) { $0.string($1) }
        w.optional(result.error) { $0.string($1) }
        w.optional(result.stderrTail) { $0.string($1) }
        w.optional(result.killedBy) { $0.string($1) }
        w.optional(result.targetNs) { $0.signed($1) }
        w.int(result.timeoutMs)
        w.int(result.warmup)
        w.samples(result.samplesNs)
        w.optional(result.samplesSource) { $0.string($1.rawValue) }
        w.optional(result.stats) { w, stats in
            w.int(stats.count)
            w.double(stats.minNs)
            w.double(stats.maxNs)
            w.double(stats.meanNs)
            w.double(stats.medianNs)
            w.double(stats.stddevNs)
            w.optional(stats.madNs) { $0.double($1) }
            w.optional(stats.p90Ns) { $0.double($1) }
            w.optional(stats.p99Ns) { $0.double($1) }
            w.optional(stats.cv) { $0.double($1) }
            w.optional(stats.ciLowNs) { $0.double($1) }
            w.optional(stats.ciHighNs) { $0.double($1) }
            w.optional(stats.noisy) { $0.bool($1) }
        }
        w.string(result.metric.rawValue)
        w.optional(result.samplesInstructions) { $0.samples($1) }
        w.optional(result.instructionStats) { w, stats in
            w.int(stats.count)
            w.double(stats.min)
            w.double(stats.max)
            w.double(stats.mean)
            w.double(stats.median)
            w.double(stats.stddev)
        }
        write(result.resources, to: &w)
        w.optional(result.config) { write($1, to: &$0) }
        w.optional(result.limits) { w, limits in
            w.array(limits) { w, limit in
                w.string(limit.resource.rawValue)
                w.double(limit.value)
                w.string(limit.mechanism)
            }
        }
        w.optional(result.limitHit) { $0.string($1.rawValue) }
        w.optional(result.processes) { w, processes in w.array(processes) { write($1, to: &$0) } }
        w.optional(result.batchSize) { $0.int($1) }
        w.optional(result.scalingFactor) { $0.int($1) }
    }

    static func readResult(_ r: inout CacheReader) throws(CacheDamage) -> BenchmarkResult {
        let name = try r.string()
        let group = try r.string()
        let kind = try r.value(BenchmarkKind.self)
        let mode = try r.value(ExecutionMode.self)
        let outcome = try r.value(Outcome.self)
        let exitCode = try r.optional { r throws(CacheDamage) in try r.int32() }
        let signal = try r.optional { r throws(CacheDamage) in try r.string() }
        let error = try r.optional { r throws(CacheDamage) in try r.string() }
        let stderrTail = try r.optional { r throws(CacheDamage) in try r.string() }
        let killedBy = try r.optional { r throws(CacheDamage) in try r.string() }
        let targetNs = try r.optional { r throws(CacheDamage) in try r.signed() }
        let timeoutMs = try r.int()
        let warmup = try r.int()
        let samplesNs = try r.samples()
        let samplesSource = try r.optional { r throws(CacheDamage) in try r.value(SamplesSource.self) }
        let stats = try r.optional { r throws(CacheDamage) in
            SampleStats(
                count: try r.int(), minNs: try r.double(), maxNs: try r.double(), meanNs: try r.double(),
                medianNs: try r.double(), stddevNs: try r.double(),
                madNs: try r.optional { r throws(CacheDamage) in try r.double() },
                p90Ns: try r.optional { r throws(CacheDamage) in try r.double() },
                p99Ns: try r.optional { r throws(CacheDamage) in try r.double() },
                cv: try r.optional { r throws(CacheDamage) in try r.double() },
                ciLowNs: try r.optional { r throws(CacheDamage) in try r.double() },
                ciHighNs: try r.optional { r throws(CacheDamage) in try r.double() },
                noisy: try r.optional { r throws(CacheDamage) in try r.bool() })
        }
        let metric = try r.value(Metric.self)
        let samplesInstructions = try r.optional { r throws(CacheDamage) in try r.samples() }
        let instructionStats = try r.optional { r throws(CacheDamage) in
            CountStats(
                count: try r.int(), min: try r.double(), max: try r.double(), mean: try r.double(),
                median: try r.double(), stddev: try r.double())
        }
        let resources = try readResources(&r)
        let config = try r.optional { r throws(CacheDamage) in try readSettings(&r) }
        let limits = try r.optional { r throws(CacheDamage) in
            try r.array { r throws(CacheDamage) in
                AppliedLimit(resource: try r.value(LimitedResource.self), value: try r.double(), mechanism: try r.string())
            }
        }
        let limitHit = try r.optional { r throws(CacheDamage) in try r.value(LimitedResource.self) }
        let processes = try r.optional { r throws(CacheDamage) in
            try r.array { r throws(CacheDamage) in try readProcess(&r) }
        }
        let batchSize = try r.optional { r throws(CacheDamage) in try r.int() }
        let scalingFactor = try r.optional { r throws(CacheDamage) in try r.int() }
        return BenchmarkResult(
            name: name, group: group, kind: kind, mode: mode, outcome: outcome, exitCode: exitCode, signal: signal,
            error: error, stderrTail: stderrTail, killedBy: killedBy, targetNs: targetNs, timeoutMs: timeoutMs,
            warmup: warmup, samplesNs: samplesNs, stats: stats, metric: metric, samplesInstructions: samplesInstructions,
            instructionStats: instructionStats, resources: resources, config: config, samplesSource: samplesSource,
            limits: limits, limitHit: limitHit, processes: processes, batchSize: batchSize, scalingFactor: scalingFactor)
    }

    static func write(_ resources: Resources, to w: inout CacheWriter) {
        w.optional(resources.maxRSSBytes) { $0.unsigned($1) }
        w.optional(resources.peakMemoryGrowthBytes) { $0.unsigned($1) }
        w.optional(resources.peakMemoryGrowthWithWarmupBytes) { $0.unsigned($1) }
        w.optional(resources.cpuUserUs) { $0.unsigned($1) }
        w.optional(resources.cpuSystemUs) { $0.unsigned($1) }
        w.double(resources.totalMs)
        w.optional(resources.overheadMs) { $0.double($1) }
        w.optional(resources.voluntaryContextSwitches) { $0.unsigned($1) }
        w.optional(resources.involuntaryContextSwitches) { $0.unsigned($1) }
        w.optional(resources.minorFaults) { $0.unsigned($1) }
        w.optional(resources.majorFaults) { $0.unsigned($1) }
        w.optional(resources.cgroupPeakBytes) { $0.unsigned($1) }
    }

    static func readResources(_ r: inout CacheReader) throws(CacheDamage) -> Resources {
        let maxRSS = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let growth = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let growthWithWarmup = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let cpuUser = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let cpuSystem = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let totalMs = try r.double()
        let overheadMs = try r.optional { r throws(CacheDamage) in try r.double() }
        let voluntary = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let involuntary = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let minor = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let major = try r.optional { r throws(CacheDamage) in try r.uint64() }
        let cgroupPeak = try r.optional { r throws(CacheDamage) in try r.uint64() }
        return Resources(
            maxRSSBytes: maxRSS, peakMemoryGrowthBytes: growth, cpuUserUs: cpuUser, cpuSystemUs: cpuSystem,
            totalMs: totalMs, overheadMs: overheadMs, voluntaryContextSwitches: voluntary,
            involuntaryContextSwitches: involuntary, minorFaults: minor, majorFaults: major, cgroupPeakBytes: cgroupPeak,
            peakMemoryGrowthWithWarmupBytes: growthWithWarmup)
    }

    static func write(_ settings: BenchmarkSettings, to w: inout CacheWriter) {
        w.optional(settings.command) { w, command in w.array(command) { $0.string($1) } }
        w.optional(settings.swift) { $0.string($1) }
        w.int(settings.iterations)
        w.optional(settings.minTimeMs) { $0.double($1) }
        w.optional(settings.maxDurationMs) { $0.double($1) }
        w.int(settings.graceMs)
        w.string(settings.killSignal)
        w.dictionary(settings.env)
        w.array(settings.inheritEnv) { $0.string($1) }
        w.optional(settings.regressionThreshold) { $0.double($1) }
        w.optional(settings.metric) { $0.string($1.rawValue) }
        w.optional(settings.rounds) { $0.int($1) }
        w.optional(settings.informational) { $0.bool($1) }
    }

    static func readSettings(_ r: inout CacheReader) throws(CacheDamage) -> BenchmarkSettings {
        BenchmarkSettings(
            command: try r.optional { r throws(CacheDamage) in try r.array { r throws(CacheDamage) in try r.string() } },
            swift: try r.optional { r throws(CacheDamage) in try r.string() }, iterations: try r.int(),
            minTimeMs: try r.optional { r throws(CacheDamage) in try r.double() },
            maxDurationMs: try r.optional { r throws(CacheDamage) in try r.double() }, graceMs: try r.int(),
            killSignal: try r.string(), env: try r.dictionary(),
            inheritEnv: try r.array { r throws(CacheDamage) in try r.string() },
            regressionThreshold: try r.optional { r throws(CacheDamage) in try r.double() },
            metric: try r.optional { r throws(CacheDamage) in try r.value(Metric.self) },
            rounds: try r.optional { r throws(CacheDamage) in try r.int() },
            informational: try r.optional { r throws(CacheDamage) in try r.bool() })
    }

    static func write(_ process: ProcessRecord, to w: inout CacheWriter) {
        w.int(process.round)
        w.int(process.samples)
        w.string(process.outcome.rawValue)
        w.optional(process.exitCode) { $0.signed(Int64($1)) }
        w.optional(process.signal) { $0.string($1) }
        w.optional(process.maxRSSBytes) { $0.unsigned($1) }
        w.optional(process.memoryGrowthBytes) { $0.unsigned($1) }
        w.optional(process.cpuUserUs) { $0.unsigned($1) }
        w.optional(process.cpuSystemUs) { $0.unsigned($1) }
        w.double(process.wallMs)
        w.optional(process.iterations) { $0.int($1) }
        w.optional(process.spawns) { $0.int($1) }
        w.optional(process.machineBusy) { $0.double($1) }
        w.optional(process.steal) { $0.double($1) }
    }

    static func readProcess(_ r: inout CacheReader) throws(CacheDamage) -> ProcessRecord {
        ProcessRecord(
            round: try r.int(), samples: try r.int(), outcome: try r.value(Outcome.self),
            exitCode: try r.optional { r throws(CacheDamage) in try r.int32() },
            signal: try r.optional { r throws(CacheDamage) in try r.string() },
            maxRSSBytes: try r.optional { r throws(CacheDamage) in try r.uint64() },
            memoryGrowthBytes: try r.optional { r throws(CacheDamage) in try r.uint64() },
            cpuUserUs: try r.optional { r throws(CacheDamage) in try r.uint64() },
            cpuSystemUs: try r.optional { r throws(CacheDamage) in try r.uint64() }, wallMs: try r.double(),
            iterations: try r.optional { r throws(CacheDamage) in try r.int() },
            spawns: try r.optional { r throws(CacheDamage) in try r.int() },
            machineBusy: try r.optional { r throws(CacheDamage) in try r.double() },
            steal: try r.optional { r throws(CacheDamage) in try r.double() })
    }
}

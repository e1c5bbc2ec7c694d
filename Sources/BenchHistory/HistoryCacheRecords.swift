import BenchModel
import Foundation

/// A `RunRecord` in the cache's binary form: every field but the results in declaration order,
/// then the results' digests (`ResultDigest`), then the results behind their length.
///
/// Written by hand rather than through `Codable`: a generic coder pays a container call per
/// field, which is most of what JSON decoding costs; this reads a run in a fraction of that. The
/// price is that a field added to the model must be added here too, and the cache format number
/// raised: `HistoryCacheRecordTests` builds a run with every field set (it fails when the model
/// gains one) and checks that it comes back equal.
enum CacheRecordCoding {
    static func write(_ run: RunRecord, to w: inout CacheWriter) {
        w.string(run.schema)
        w.string(run.id)
        w.date(run.startedAt)
        w.optional(run.startedAtUnixNs) { $0.signed($1) }
        w.date(run.finishedAt)
        w.bool(run.interrupted)
        w.bool(run.isolation)
        w.string(run.buildConfiguration)
        w.optional(run.title) { $0.string($1) }
        w.optional(run.configPath) { $0.string($1) }
        w.optional(run.git) { w, git in
            w.optional(git.commit) { $0.string($1) }
            w.optional(git.branch) { $0.string($1) }
            w.optional(git.dirty) { $0.bool($1) }
            w.optional(git.subject) { $0.string($1) }
        }
        let machine = run.machine
        w.string(machine.hostname)
        w.string(machine.os)
        w.string(machine.kernel)
        w.string(machine.cpuModel)
        w.int(machine.cores)
        w.unsigned(machine.memoryBytes)
        w.optional(machine.swiftVersion) { $0.string($1) }
        w.optional(run.selection) { w, selection in
            w.optional(selection.filter) { $0.string($1) }
            w.optional(selection.shard) { $0.string($1) }
            w.array(selection.notSelected) { $0.string($1) }
        }
        w.optional(run.kind) { $0.string($1.rawValue) }
        w.optional(run.source) { w, source in
            w.optional(source.format) { $0.string($1) }
            w.array(source.files) { $0.string($1) }
            w.optional(source.runIDs) { w, ids in w.array(ids) { $0.string($1) } }
            w.optional(source.context) { $0.dictionary($1) }
        }
        w.optional(run.clockCostNs) { $0.double($1) }
        w.optional(run.ab) { w, ab in
            w.string(ab.label)
            w.optional(ab.commit) { $0.string($1) }
            w.optional(ab.runID) { $0.string($1) }
        }
        // Last, the digests and then the results behind their length: a report that needs only
        // the digests of most runs steps over their results without decoding them.
        w.array(run.benchmarks) { writeDigest(ResultDigest($1), to: &$0) }
        var results = CacheWriter(capacity: 1024 * run.benchmarks.count)
        results.array(run.benchmarks) { write($1, to: &$0) }
        w.unsigned(UInt64(results.bytes.count))
        w.raw(results.bytes)
    }

    /// A run with its results decoded.
    static func read(_ r: inout CacheReader) throws(CacheDamage) -> RunRecord {
        let found = try readDeferring(&r)
        guard !r.isPastEnd else { throw .early }
        var run = found.run
        run.benchmarks = try readResults(UnsafeRawBufferPointer(rebasing: r.base[found.results]))
        return run
    }

    /// The results of a run read with `readDeferring`, from exactly their bytes.
    static func readResults(_ bytes: UnsafeRawBufferPointer) throws(CacheDamage) -> [BenchmarkResult] {
        var r = CacheReader(bytes)
        let results = try r.array { r throws(CacheDamage) in try readResult(&r) }
        guard r.remaining == 0 else { throw CacheDamage(reason: "a run's results overrun their length") }
        return results
    }

    /// A run without its results (`benchmarks` empty), their digests, and where in the reader's
    /// bytes the results are. `names`: what the digests' names most likely are (another run's, in
    /// order), whose storage equal names then share: thousands of runs repeat the same names.
    static func readDeferring(_ r: inout CacheReader, names: [String] = []) throws(CacheDamage)
        -> (run: RunRecord, digests: [ResultDigest], results: Range<Int>)
    {
        let schema = try r.string()
        let id = try r.string()
        let startedAt = try r.date()
        let startedAtUnixNs = try r.optional { r throws(CacheDamage) in try r.signed() }
        let finishedAt = try r.date()
        let interrupted = try r.bool()
        let isolation = try r.bool()
        let buildConfiguration = try r.string()
        let title = try r.optional { r throws(CacheDamage) in try r.string() }
        let configPath = try r.optional { r throws(CacheDamage) in try r.string() }
        let git = try r.optional { r throws(CacheDamage) in
            GitInfo(
                commit: try r.optional { r throws(CacheDamage) in try r.string() },
                branch: try r.optional { r throws(CacheDamage) in try r.string() },
                dirty: try r.optional { r throws(CacheDamage) in try r.bool() },
                subject: try r.optional { r throws(CacheDamage) in try r.string() })
        }
        let machine = MachineInfo(
            hostname: try r.string(), os: try r.string(), kernel: try r.string(), cpuModel: try r.string(),
            cores: try r.int(), memoryBytes: try r.uint64(),
            swiftVersion: try r.optional { r throws(CacheDamage) in try r.string() })
        let selection = try r.optional { r throws(CacheDamage) in
            RunSelection(
                filter: try r.optional { r throws(CacheDamage) in try r.string() },
                shard: try r.optional { r throws(CacheDamage) in try r.string() },
                notSelected: try r.array { r throws(CacheDamage) in try r.string() })
        }
        let kind = try r.optional { r throws(CacheDamage) in try r.value(RunKind.self) }
        let source = try r.optional { r throws(CacheDamage) in
            RunSource(
                format: try r.optional { r throws(CacheDamage) in try r.string() },
                files: try r.array { r throws(CacheDamage) in try r.string() },
                runIDs: try r.optional { r throws(CacheDamage) in try r.array { r throws(CacheDamage) in try r.string() } },
                context: try r.optional { r throws(CacheDamage) in try r.dictionary() })
        }
        let clockCostNs = try r.optional { r throws(CacheDamage) in try r.double() }
        let ab = try r.optional { r throws(CacheDamage) in
            ABBase(
                label: try r.string(), commit: try r.optional { r throws(CacheDamage) in try r.string() },
                runID: try r.optional { r throws(CacheDamage) in try r.string() })
        }
        let count = try r.count()
        var digests: [ResultDigest] = []
        digests.reserveCapacity(count)
        for position in 0..<count {
            digests.append(try readDigest(&r, name: position < names.count ? names[position] : nil))
        }
        // Stepped over, not read: a reader of a piece of the file need not hold them.
        let length = try r.length()
        let start = r.offset
        r.skip(length)
        let run = RunRecord(
            schema: schema, id: id, startedAt: startedAt, startedAtUnixNs: startedAtUnixNs, finishedAt: finishedAt,
            interrupted: interrupted, isolation: isolation, buildConfiguration: buildConfiguration, title: title,
            configPath: configPath, git: git, machine: machine, benchmarks: [], selection: selection, kind: kind,
            source: source, clockCostNs: clockCostNs, ab: ab)
        return (run, digests, start..<(start + length))
    }
}

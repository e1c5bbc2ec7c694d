/// package-benchmark's JSON exports (Plugins/BenchmarkTool/BenchmarkTool+Export+JSON.swift and
/// +JMHFormatter.swift of ordo-one/benchmark 1.38):
///
/// - `--format jmh`: `[{"benchmark": "package.benchmark.<target>.<name, spaces as _>",
///   "primaryMetric": {…throughput…}, "secondaryMetrics": {"Time (wall clock)": {"rawData":
///   [[µs, …]], "scoreUnit": "μs"}, …}}]`: every recorded wall-clock value becomes a sample.
/// - `--format jsonSmallerIsBetter`: `[{"name": "<name> - Time (wall clock)", "unit": "ns",
///   "value": <p99>}]`: one value per benchmark and metric, its 99th percentile; that value is
///   the benchmark's single sample (the format holds nothing else).
///
/// Only the wall-clock metric is imported: it is what benchboard's time series mean.
enum PackageBenchmarkImporter: ResultImporter {
    static let wallClock = "Time (wall clock)"

    static func recognizes(_ document: JSONNode) -> Bool {
        guard case let .array(items) = document.value, case let .object(first)? = items.first else { return false }
        let jmh = first["benchmark"] != nil && first["primaryMetric"] != nil
        let smallerIsBetter = first["name"] != nil && first["unit"] != nil && first["value"] != nil
        return jmh || smallerIsBetter
    }

    static func read(_ document: JSONNode) throws(ImportProblem) -> ImportedResults {
        let entries = try document.elements()
        guard let first = entries.first else { throw .noBenchmarks(format: "package-benchmark") }
        var imported = ImportedResults()
        imported.benchmarks = first.has("primaryMetric") ? try jmh(entries) : try smallerIsBetter(entries)
        guard !imported.benchmarks.isEmpty else {
            throw .other(
                path: document.path.isEmpty ? "the export" : document.path,
                reason: "has no \"\(wallClock)\" metric; run package-benchmark with the wallClock metric")
        }
        return imported
    }

    private static func jmh(_ entries: JSONElements) throws(ImportProblem) -> [ImportedBenchmark] {
        var benchmarks: [ImportedBenchmark] = []
        for entry in entries {
            let full = try entry.require("benchmark").string()
            let prefix = "package.benchmark."
            let qualified = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
            // The target never holds a dot (it is a Swift module name); the benchmark's name may.
            let target = qualified.split(separator: ".", maxSplits: 1).first.map(String.init) ?? "package-benchmark"
            let name = qualified.contains(".") ? String(qualified.dropFirst(target.count + 1)) : qualified
            guard let metric = entry["secondaryMetrics"]?[wallClock] else { continue }
            let unitNs = try unitNanoseconds(metric.require("scoreUnit"))
            var samples: [Int64] = []
            for batch in try metric.require("rawData").elements() {
                for value in try batch.elements() { samples.append(try value.duration(unitNs: unitNs)) }
            }
            if samples.isEmpty { throw .other(path: metric.path + ".rawData", reason: "holds no values") }
            var benchmark = ImportedBenchmark(name: name, group: target, mode: .inProcess, samplesNs: samples)
            if let warmup = entry["warmupIterations"], case let .number(count) = warmup.value, count >= 0, count < 1e9 {
                benchmark.warmup = Int(count)
            }
            benchmarks.append(benchmark)
        }
        return benchmarks
    }

    private static func smallerIsBetter(_ entries: JSONElements) throws(ImportProblem) -> [ImportedBenchmark] {
        var benchmarks: [ImportedBenchmark] = []
        let suffix = " - " + wallClock
        for entry in entries {
            let name = try entry.require("name").string()
            guard name.hasSuffix(suffix) else { continue }
            let unitNs = try unitNanoseconds(entry.require("unit"))
            let value = try entry.require("value").duration(unitNs: unitNs)
            benchmarks.append(
                ImportedBenchmark(
                    name: String(name.dropLast(suffix.count)), group: "package-benchmark", mode: .inProcess,
                    samplesNs: [value]))
        }
        return benchmarks
    }

    /// package-benchmark writes "μs" (Greek mu); "µs" (micro sign) and "us" are accepted too.
    private static func unitNanoseconds(_ node: JSONNode) throws(ImportProblem) -> Double {
        let unit = try node.string()
        switch unit {
        case "ns": return 1
        case "μs", "µs", "us": return 1e3
        case "ms": return 1e6
        case "s": return 1e9
        default: throw .unknownUnit(path: node.path, unit: unit)
        }
    }
}

import Foundation

/// google-benchmark's `--benchmark_format=json` / `--benchmark_out`: `{"context": {…},
/// "benchmarks": [{"name", "run_name", "run_type", "real_time", "time_unit", …}]}`.
/// The repetitions of one benchmark (rows with `run_type` "iteration" and one `run_name`) become
/// its samples, each the mean time per iteration of that repetition. Aggregate rows (`_mean`,
/// `_median`, `_stddev`, `_cv`, `_BigO`, `_RMS`) are statistics of those, not benchmarks.
enum GoogleBenchmarkImporter: ResultImporter {
    static func recognizes(_ document: JSONNode) -> Bool {
        guard case .object? = document["context"]?.value, document["benchmarks"]?.value.isArray == true else { return false }
        return true
    }

    private static let aggregateSuffixes = ["_mean", "_median", "_stddev", "_cv", "_BigO", "_RMS"]

    static func read(_ document: JSONNode) throws(ImportProblem) -> ImportedResults {
        var imported = ImportedResults()
        var order: [String] = []
        var byName: [String: ImportedBenchmark] = [:]
        var aggregatesOnly: [String] = []
        for row in try document.require("benchmarks").elements() {
            let name = try row.require("name").string()
            let runName = try row["run_name"]?.string() ?? name
            if let runType = try row["run_type"]?.string() {
                if runType == "aggregate" {
                    if !aggregatesOnly.contains(runName) { aggregatesOnly.append(runName) }
                    continue
                }
            } else if row.has("aggregate_name") || aggregateSuffixes.contains(where: name.hasSuffix) {
                continue  // Files from before run_type existed.
            }
            var benchmark = byName[runName] ?? ImportedBenchmark(name: runName, group: "google-benchmark", mode: .inProcess, samplesNs: [])
            if byName[runName] == nil { order.append(runName) }
            if case .bool(true)? = row["error_occurred"]?.value {
                benchmark.outcome = .failed
                benchmark.error = (try? row["error_message"]?.string()) ?? "the benchmark reported an error"
            } else if let skipped = row["skipped"], skipped.value != .bool(false), skipped.value != .number(0) {
                benchmark.outcome = .failed
                benchmark.error = (try? row["skip_message"]?.string()) ?? "the benchmark skipped itself with an error"
            } else {
                let unit = try row["time_unit"]?.string() ?? "ns"
                guard let unitNs = unitNanoseconds[unit] else {
                    throw .unknownUnit(path: row.path + ".time_unit", unit: unit)
                }
                let sample = try row.require("real_time").duration(unitNs: unitNs)
                benchmark.samplesNs.append(sample)
                if case let .number(iterations)? = row["iterations"]?.value, iterations >= 1 {
                    benchmark.totalNs = (benchmark.totalNs ?? 0) + Double(sample) * iterations
                }
            }
            byName[runName] = benchmark
        }
        if let name = aggregatesOnly.first(where: { byName[$0] == nil }) {
            throw .other(
                path: "benchmarks", reason: "holds only aggregates of \"\(name)\", no repetitions: run it without "
                    + "--benchmark_report_aggregates_only (and without --benchmark_display_aggregates_only in the file output)")
        }
        imported.benchmarks = order.compactMap { byName[$0] }
        if let context = document["context"] {
            imported.hostname = try context["host_name"]?.string()
            if let cpus = context["num_cpus"] { imported.cores = Int(exactly: try cpus.number()) }
            if let date = try context["date"]?.string() { imported.startedAt = parseDate(date) }
            for key in ["mhz_per_cpu", "library_build_type", "cpu_scaling_enabled", "executable", "library_version"] {
                if let value = context.text(key) { imported.context[key] = value }
            }
        }
        return imported
    }

    private static let unitNanoseconds: [String: Double] = ["ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9]

    /// "2026-11-29T11:17:12+00:00" (current) or "2019/10/04-11:50:52" (older, local time).
    static func parseDate(_ text: String) -> Date? {
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy/MM/dd-HH:mm:ss"
        return formatter.date(from: text)
    }
}

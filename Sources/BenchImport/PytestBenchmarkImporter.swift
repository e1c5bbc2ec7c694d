import BenchModel
import Foundation

/// pytest-benchmark's `--benchmark-json` (and its saved runs): `{"machine_info", "commit_info",
/// "benchmarks": [{"name", "fullname", "group", "stats": {…, "data"?}}], "datetime", "version"}`.
/// `stats.data` (every round's time per iteration, in seconds) become the samples; files saved
/// without it (`--benchmark-save` without `--benchmark-save-data`) keep their statistics only.
enum PytestBenchmarkImporter: ResultImporter {
    static func recognizes(_ document: JSONNode) -> Bool {
        guard document["benchmarks"]?.value.isArray == true else { return false }
        return document.has("machine_info") || document.has("commit_info")
    }

    static func read(_ document: JSONNode) throws(ImportProblem) -> ImportedResults {
        var imported = ImportedResults()
        for entry in try document.require("benchmarks").elements() {
            // The full name ("test_mod.py::test_x[1]") is unique across modules; the short one is not.
            var nameNode = entry["fullname"]
            if nameNode == nil { nameNode = try entry.require("name") }
            let name = try nameNode?.string() ?? ""
            let group = try entry["group"]?.string() ?? "pytest-benchmark"
            let stats = try entry.require("stats")
            var benchmark = ImportedBenchmark(name: name, group: group, mode: .inProcess, samplesNs: [])
            if let data = stats["data"] {
                for value in try data.elements() { benchmark.samplesNs.append(try value.duration(unitNs: 1e9)) }
                if benchmark.samplesNs.isEmpty { throw .other(path: data.path, reason: "is empty") }
            } else {
                benchmark.stats = try statistics(stats)
            }
            if let total = stats["total"] { benchmark.totalNs = Double(try total.duration(unitNs: 1e9)) }
            imported.benchmarks.append(benchmark)
        }
        if let machine = document["machine_info"] {
            imported.hostname = nonEmpty(try machine["node"]?.string())
            imported.system = nonEmpty(try machine["system"]?.string())
            imported.kernel = nonEmpty(try machine["release"]?.string())
            if let cpu = machine["cpu"] {
                imported.cpuModel = nonEmpty(try cpu["brand_raw"]?.string())
                if let count = cpu["count"] { imported.cores = Int(exactly: try count.number()) }
            }
            for key in ["python_implementation", "python_version", "machine"] {
                if let value = machine.text(key) { imported.context[key] = value }
            }
        }
        if let commit = document["commit_info"] {
            // Outside a repository pytest-benchmark writes "unversioned" and "(unknown)".
            let id = nonEmpty(try commit["id"]?.string()).flatMap { $0 == "unversioned" ? nil : $0 }
            let branch = nonEmpty(try commit["branch"]?.string()).flatMap { $0 == "(unknown)" ? nil : $0 }
            var dirty: Bool?
            if case let .bool(flag)? = commit["dirty"]?.value { dirty = flag }
            if id != nil || branch != nil { imported.git = GitInfo(commit: id, branch: branch, dirty: dirty) }
            if let project = commit.text("project") { imported.context["project"] = project }
        }
        if let text = try document["datetime"]?.string() { imported.startedAt = parseDate(text) }
        if let version = document.text("version") { imported.context["pytest_benchmark_version"] = version }
        return imported
    }

    /// The file's own statistics, in seconds, as nanoseconds.
    private static func statistics(_ stats: JSONNode) throws(ImportProblem) -> SampleStats {
        func ns(_ key: String) throws(ImportProblem) -> Double { Double(try stats.require(key).duration(unitNs: 1e9)) }
        let rounds = try stats.require("rounds").number()
        guard rounds >= 1, rounds == rounds.rounded(), rounds < 1e12 else {
            throw .other(path: stats.path + ".rounds", reason: "is \(rounds), not a count of rounds")
        }
        let mean = try ns("mean")
        let stddev = try ns("stddev")
        return SampleStats(
            count: Int(rounds), minNs: try ns("min"), maxNs: try ns("max"), meanNs: mean, medianNs: try ns("median"),
            stddevNs: stddev, cv: mean > 0 ? stddev / mean : nil)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }

    /// "2026-11-29T11:17:15.453295+00:00": ISO 8601 with or without fractional seconds.
    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

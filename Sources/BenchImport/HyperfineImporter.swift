/// `hyperfine --export-json`: `{"results": [{"command", "times": [seconds], "exit_codes", "user",
/// "system", "memory_usage_byte"?, …}]}`. Each command is a benchmark, each run of it a sample.
enum HyperfineImporter: ResultImporter {
    static func recognizes(_ document: JSONNode) -> Bool {
        guard case let .array(results)? = document["results"]?.value, case let .object(first)? = results.first else {
            return false
        }
        return first["command"] != nil && first["times"] != nil
    }

    static func read(_ document: JSONNode) throws(ImportProblem) -> ImportedResults {
        var imported = ImportedResults()
        for result in try document.require("results").elements() {
            let name = try result.require("command").string()
            let timesNode = try result.require("times")
            let times = try timesNode.elements()
            if times.isEmpty { throw .other(path: timesNode.path, reason: "is empty") }
            var samples: [Int64] = []
            samples.reserveCapacity(times.count)
            for time in times { samples.append(try time.duration(unitNs: 1e9)) }
            var benchmark = ImportedBenchmark(name: name, group: "hyperfine", mode: .isolated, samplesNs: samples)
            // `user` and `system` are means per run in seconds; run files hold the sum.
            if let user = result["user"] {
                benchmark.cpuUserUs = UInt64(try user.duration(unitNs: 1e6 * Double(samples.count)))
            }
            if let system = result["system"] {
                benchmark.cpuSystemUs = UInt64(try system.duration(unitNs: 1e6 * Double(samples.count)))
            }
            // Newer hyperfine records each run's peak memory.
            if let memory = result["memory_usage_byte"] {
                var peak: Int64 = 0
                for value in try memory.elements() { peak = max(peak, try value.duration(unitNs: 1)) }
                benchmark.maxRSSBytes = UInt64(peak)
            }
            // hyperfine stops at a failing command unless told to ignore failures (-i).
            if let codes = result["exit_codes"] {
                var failing: [Int] = []
                for code in try codes.elements() {
                    if case let .number(value) = code.value, value != 0 { failing.append(Int(value)) }
                }
                if let first = failing.first {
                    benchmark.outcome = .failed
                    benchmark.exitCode = Int32(clamping: first)
                    benchmark.error = "exited with status \(first) in \(failing.count) of \(samples.count) runs under hyperfine"
                }
            }
            imported.benchmarks.append(benchmark)
        }
        return imported
    }
}

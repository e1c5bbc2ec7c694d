import Foundation
import XCTest

/// `benchboard import` on output the real tools wrote (Fixtures/import/make_fixtures.sh made it).
final class ImportCommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/import")

    static func fixture(_ name: String) -> String { fixtures.appending(path: name).path }

    static func json(_ name: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appending(path: name))) as? [String: Any])
    }

    /// Imports `files` into `h/` and returns the one run file written, as plain JSON.
    private func importRun(_ cli: CLIHarness, _ files: [String], _ extra: [String] = []) throws -> [String: Any] {
        let result = try cli.run(["import"] + files + ["--history", "h"] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Imported"), result.stdout)
        let runs = try cli.historyRuns("h")
        XCTAssertEqual(runs.count, 1, "one run file per call")
        return try XCTUnwrap(runs.first)
    }

    private func nanoseconds(_ seconds: Any?, unit: Double = 1e9) -> Int64? {
        (seconds as? Double).map { Int64(($0 * unit).rounded()) }
    }

    func testHyperfineTimesInSecondsBecomeNanosecondSamples() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let run = try importRun(cli, [Self.fixture("hyperfine.json")])
        XCTAssertEqual(run["kind"] as? String, "imported")
        let source = try XCTUnwrap(run["source"] as? [String: Any])
        XCTAssertEqual(source["format"] as? String, "hyperfine", "detected from the content")
        XCTAssertEqual(source["files"] as? [String], [Self.fixture("hyperfine.json")])

        let results = try XCTUnwrap(try Self.json("hyperfine.json")["results"] as? [[String: Any]])
        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, results.map { $0["command"] as? String })
        for (benchmark, result) in zip(benchmarks, results) {
            let times = try XCTUnwrap(result["times"] as? [Double])
            XCTAssertEqual(benchmark["samplesNs"] as? [Int64], times.map { Int64(($0 * 1e9).rounded()) })
            XCTAssertEqual(benchmark["mode"] as? String, "isolated", "hyperfine starts a process per run")
            XCTAssertEqual(benchmark["samplesSource"] as? String, "wall")
            XCTAssertEqual(benchmark["outcome"] as? String, "ok")
            let resources = try XCTUnwrap(benchmark["resources"] as? [String: Any])
            let user = try XCTUnwrap(result["user"] as? Double)
            XCTAssertEqual(resources["cpuUserUs"] as? Int64, Int64((user * 1e6 * Double(times.count)).rounded()), "mean per run × runs")
            let stats = try XCTUnwrap(benchmark["stats"] as? [String: Any])
            XCTAssertEqual(stats["count"] as? Int, times.count)
            XCTAssertEqual(try XCTUnwrap(stats["medianNs"] as? Double), try XCTUnwrap(result["median"] as? Double) * 1e9, accuracy: 1)
        }
    }

    func testGoogleBenchmarkRepetitionsAreSamplesAndAggregatesAreNotBenchmarks() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let run = try importRun(cli, [Self.fixture("google-benchmark.json")])
        let document = try Self.json("google-benchmark.json")
        let rows = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let context = try XCTUnwrap(document["context"] as? [String: Any])
        XCTAssertTrue(rows.contains { $0["run_type"] as? String == "aggregate" }, "the fixture has aggregates to skip")

        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["BM_StringCopy", "BM_VectorSum/64"])
        for benchmark in benchmarks {
            let name = try XCTUnwrap(benchmark["name"] as? String)
            let repetitions = rows.filter { $0["run_name"] as? String == name && $0["run_type"] as? String == "iteration" }
            XCTAssertEqual(repetitions.count, 5)
            let unit: Double = name == "BM_VectorSum/64" ? 1e3 : 1
            XCTAssertEqual(repetitions.first?["time_unit"] as? String, name == "BM_VectorSum/64" ? "us" : "ns")
            XCTAssertEqual(benchmark["samplesNs"] as? [Int64], repetitions.compactMap { nanoseconds($0["real_time"], unit: unit) })
            XCTAssertEqual(benchmark["mode"] as? String, "in-process")
            XCTAssertEqual(benchmark["samplesSource"] as? String, "harness")
        }
        let machine = try XCTUnwrap(run["machine"] as? [String: Any])
        XCTAssertEqual(machine["hostname"] as? String, context["host_name"] as? String)
        XCTAssertEqual(machine["cores"] as? Int, context["num_cpus"] as? Int)
        let date = try XCTUnwrap(ISO8601DateFormatter().date(from: try XCTUnwrap(context["date"] as? String)))
        XCTAssertEqual(run["startedAt"] as? String, ISO8601DateFormatter().string(from: date), "the run's time is the file's")
        let source = try XCTUnwrap(run["source"] as? [String: Any])
        XCTAssertEqual(source["format"] as? String, "google-benchmark")
        let recorded = try XCTUnwrap(source["context"] as? [String: String])
        XCTAssertEqual(recorded["mhz_per_cpu"], "\(try XCTUnwrap(context["mhz_per_cpu"] as? Int))")
        XCTAssertEqual(recorded["library_build_type"], context["library_build_type"] as? String)
    }

    func testPytestBenchmarkDataAndStatisticsOnly() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let document = try Self.json("pytest-benchmark.json")
        let entries = try XCTUnwrap(document["benchmarks"] as? [[String: Any]])
        let run = try importRun(cli, [Self.fixture("pytest-benchmark.json")])
        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, entries.map { $0["fullname"] as? String })
        for (benchmark, entry) in zip(benchmarks, entries) {
            let data = try XCTUnwrap((entry["stats"] as? [String: Any])?["data"] as? [Double])
            XCTAssertEqual(benchmark["samplesNs"] as? [Int64], data.map { Int64(($0 * 1e9).rounded()) })
        }
        let commit = try XCTUnwrap(document["commit_info"] as? [String: Any])
        let git = try XCTUnwrap(run["git"] as? [String: Any])
        XCTAssertEqual(git["commit"] as? String, commit["id"] as? String, "the commit the file records")
        XCTAssertEqual(git["branch"] as? String, "main")
        let machineInfo = try XCTUnwrap(document["machine_info"] as? [String: Any])
        let machine = try XCTUnwrap(run["machine"] as? [String: Any])
        XCTAssertEqual(machine["hostname"] as? String, machineInfo["node"] as? String)
        XCTAssertEqual(machine["cpuModel"] as? String, (machineInfo["cpu"] as? [String: Any])?["brand_raw"] as? String)
        XCTAssertEqual(machine["kernel"] as? String, machineInfo["release"] as? String)
        XCTAssertNil(machine["swiftVersion"], "benchboard's compiler says nothing about another tool's numbers")
        XCTAssertEqual((run["source"] as? [String: Any])?["context"].flatMap { $0 as? [String: String] }?["python_version"],
            machineInfo["python_version"] as? String)

        // Saved without --benchmark-save-data: the file's own statistics, no samples.
        let statsOnly = try CLIHarness()
        defer { statsOnly.cleanUp() }
        let saved = try importRun(statsOnly, [Self.fixture("pytest-benchmark-stats-only.json")])
        let savedEntries = try XCTUnwrap(try Self.json("pytest-benchmark-stats-only.json")["benchmarks"] as? [[String: Any]])
        for (benchmark, entry) in zip(try saved.benchmarks(), savedEntries) {
            let fileStats = try XCTUnwrap(entry["stats"] as? [String: Any])
            XCTAssertNil(fileStats["data"])
            XCTAssertEqual(benchmark["samplesNs"] as? [Int64], [])
            let stats = try XCTUnwrap(benchmark["stats"] as? [String: Any])
            XCTAssertEqual(stats["count"] as? Int, fileStats["rounds"] as? Int)
            XCTAssertEqual(try XCTUnwrap(stats["medianNs"] as? Double), try XCTUnwrap(fileStats["median"] as? Double) * 1e9, accuracy: 1)
            XCTAssertEqual(try XCTUnwrap(stats["maxNs"] as? Double), try XCTUnwrap(fileStats["max"] as? Double) * 1e9, accuracy: 1)
        }
    }

    /// package-benchmark's two JSON exports: jmh keeps every wall-clock value (µs), the
    /// jsonSmallerIsBetter export only the p99 of each metric.
    func testPackageBenchmarkJMHAndSmallerIsBetterExports() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let run = try importRun(cli, [Self.fixture("package-benchmark-jmh.json")])
        XCTAssertEqual((run["source"] as? [String: Any])?["format"] as? String, "package-benchmark")
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appending(path: "package-benchmark-jmh.json"))) as? [[String: Any]])
        let benchmarks = try run.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["String_copy", "Array_sum"], "the names as JMH spells them")
        XCTAssertEqual(benchmarks.map { $0["group"] as? String }, ["Tiny", "Tiny"], "the benchmark target")
        for (benchmark, entry) in zip(benchmarks, entries) {
            let wallClock = try XCTUnwrap((entry["secondaryMetrics"] as? [String: Any])?["Time (wall clock)"] as? [String: Any])
            XCTAssertEqual(wallClock["scoreUnit"] as? String, "μs")
            let raw = try XCTUnwrap((wallClock["rawData"] as? [[Double]])?.first)
            XCTAssertEqual(benchmark["samplesNs"] as? [Int64], raw.map { Int64(($0 * 1e3).rounded()) })
            XCTAssertEqual(raw.count, 20)
        }

        let other = try CLIHarness()
        defer { other.cleanUp() }
        let p99 = try importRun(other, [Self.fixture("package-benchmark.json")], ["--format", "package-benchmark"])
        let exported = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appending(path: "package-benchmark.json"))) as? [[String: Any]])
        let wallClock = exported.filter { ($0["name"] as? String)?.hasSuffix(" - Time (wall clock)") == true }
        XCTAssertEqual(try p99.benchmarks().map { $0["name"] as? String }, ["Array sum", "String copy"])
        XCTAssertEqual(try p99.benchmarks().map { $0["samplesNs"] as? [Int64] }, wallClock.map { [Int64(($0["value"] as? Int) ?? -1)] })
    }

    /// What the README promises beyond the fixtures: failures are results, and google-benchmark
    /// files from before `run_type` existed still skip their aggregates.
    func testFailuresAndOlderShapes() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        var hyperfine = try Self.json("hyperfine.json")
        var results = try XCTUnwrap(hyperfine["results"] as? [[String: Any]])
        results[1]["exit_codes"] = [0, 3, 0, 3, 0]
        hyperfine["results"] = results
        try JSONSerialization.data(withJSONObject: hyperfine).write(to: cli.directory.appending(path: "hf.json"))
        let run = try importRun(cli, ["hf.json"])
        let failed = try run.benchmarks()[1]
        XCTAssertEqual(failed["outcome"] as? String, "failed")
        XCTAssertEqual(failed["exitCode"] as? Int, 3)
        XCTAssertEqual(failed["error"] as? String, "exited with status 3 in 2 of 5 runs under hyperfine")

        var google = try Self.json("google-benchmark.json")
        var rows = try XCTUnwrap(google["benchmarks"] as? [[String: Any]])
        for index in rows.indices {
            rows[index]["run_type"] = nil  // an older google-benchmark
            rows[index]["aggregate_name"] = nil
            rows[index]["run_name"] = nil
        }
        rows.append(["name": "BM_Broken", "error_occurred": true, "error_message": "setup failed: <no data>", "iterations": 0])
        google["benchmarks"] = rows
        try JSONSerialization.data(withJSONObject: google).write(to: cli.directory.appending(path: "old.json"))
        let other = try CLIHarness()
        defer { other.cleanUp() }
        try FileManager.default.copyItem(at: cli.directory.appending(path: "old.json"), to: other.directory.appending(path: "old.json"))
        let old = try importRun(other, ["old.json"])
        let benchmarks = try old.benchmarks()
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["BM_StringCopy", "BM_VectorSum/64", "BM_Broken"], "no _mean, _median, …")
        XCTAssertEqual((benchmarks[0]["samplesNs"] as? [Int64])?.count, 5)
        XCTAssertEqual(benchmarks[2]["outcome"] as? String, "failed")
        XCTAssertEqual(benchmarks[2]["error"] as? String, "setup failed: <no data>")
    }

    func testCommandLineBeatsTheFileForCommitBranchAndMachine() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let run = try importRun(
            cli, [Self.fixture("pytest-benchmark.json")], ["--commit", "0123456789abcdef", "--branch", "release/2", "--machine", "ci-arm64"])
        let git = try XCTUnwrap(run["git"] as? [String: Any])
        XCTAssertEqual(git["commit"] as? String, "0123456789abcdef")
        XCTAssertEqual(git["branch"] as? String, "release/2")
        XCTAssertEqual((run["machine"] as? [String: Any])?["hostname"] as? String, "ci-arm64")
    }

    /// Every malformed input ends with exit 2, the file's name and what is wrong, and no run file.
    func testMalformedInputIsRefusedAndNothingIsWritten() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let hyperfine = try String(contentsOf: Self.fixtures.appending(path: "hyperfine.json"), encoding: .utf8)
        let google = try Self.json("google-benchmark.json")
        let pytest = try Self.json("pytest-benchmark.json")
        func replacingFirstTime(with token: String) throws -> String {
            let start = try XCTUnwrap(hyperfine.range(of: "\"times\": ["))
            let comma = try XCTUnwrap(hyperfine.range(of: ",", range: start.upperBound..<hyperfine.endIndex))
            return String(hyperfine[..<start.upperBound]) + token + String(hyperfine[comma.lowerBound...])
        }
        func edited(_ document: [String: Any], _ change: (inout [String: Any]) -> Void) throws -> String {
            var copy = document
            change(&copy)
            return String(decoding: try JSONSerialization.data(withJSONObject: copy), as: UTF8.self)
        }
        let cases: [(name: String, text: String, extra: [String], expected: String)] = [
            ("truncated.json", String(hyperfine.prefix(hyperfine.count / 2)), [], "truncated"),
            ("nan.json", try replacingFirstTime(with: "NaN"), [], "\"results[0].times[0]\" is nan"),
            ("negative.json", try replacingFirstTime(with: "-0.5"), [], "\"results[0].times[0]\" is -0.5"),
            ("negative-google.json", try edited(google) { document in
                var rows = document["benchmarks"] as? [[String: Any]] ?? []
                rows[1]["real_time"] = -3.0
                document["benchmarks"] = rows
            }, [], "\"benchmarks[1].real_time\" is -3.0"),
            ("shape.json", try edited(pytest) { document in
                var entries = document["benchmarks"] as? [[String: Any]] ?? []
                entries[1]["stats"] = "fast"
                document["benchmarks"] = entries
            }, [], "\"benchmarks[1].stats\" should be an object, found a string"),
            ("unknown.json", #"{"hello": [1, 2]}"#, [], "not output of a known tool"),
            ("empty-times.json", #"{"results": [{"command": "x", "times": []}]}"#, [], "\"results[0].times\" is empty"),
            ("aggregates.json", try edited(google) { document in
                let rows = document["benchmarks"] as? [[String: Any]] ?? []
                document["benchmarks"] = rows.filter { $0["run_type"] as? String == "aggregate" }
            }, [], "holds only aggregates of \"BM_StringCopy\""),
            ("forced.json", hyperfine, ["--format", "google-benchmark"], "\"benchmarks\" is missing"),
            ("unit.json", try edited(google) { document in
                var rows = document["benchmarks"] as? [[String: Any]] ?? []
                rows[0]["time_unit"] = "fortnights"
                document["benchmarks"] = rows
            }, [], "\"benchmarks[0].time_unit\" is \"fortnights\""),
        ]
        for item in cases {
            try cli.write(item.name, item.text)
            // A good file first: one bad file spoils the whole call.
            let good = item.extra.isEmpty ? [Self.fixture("pytest-benchmark.json")] : []
            let result = try cli.run(["import"] + good + [item.name, "--history", "h"] + item.extra)
            XCTAssertEqual(result.status, 2, "\(item.name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("error: \(item.name): "), "\(item.name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(item.expected), "\(item.name): \(result.stderr)")
            XCTAssertEqual(cli.historyFileNames("h"), [], "\(item.name): nothing written")
        }

        let mixed = try cli.run(["import", Self.fixture("hyperfine.json"), Self.fixture("google-benchmark.json"), "--history", "h"])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.contains("google-benchmark.json: this is google-benchmark output, the files before it hyperfine"), mixed.stderr)
        let missing = try cli.run(["import", "nowhere.json", "--history", "h"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nowhere.json: no such file"), missing.stderr)
        let format = try cli.run(["import", "--format", "xml", "a.json"])
        XCTAssertEqual(format.status, 2)
        XCTAssertEqual(cli.historyFileNames("h"), [])
    }
}

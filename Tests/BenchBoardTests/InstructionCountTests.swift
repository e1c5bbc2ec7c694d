import Foundation
import XCTest

/// `metric = "instructions"` end to end: real valgrind, real children, real run files.
final class InstructionCountTests: XCTestCase {
    private static let valgrind: String? = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private func requireValgrind() throws {
        if Self.valgrind == nil {
            throw XCTSkip("valgrind is not installed (apt-get install valgrind); instruction counting is not tested")
        }
    }

    private func loopConfig(_ iterations: Int, output: String, name: String = "loop") -> String {
        """
        [defaults]
        metric = "instructions"
        iterations = 3
        timeout_ms = 120000

        [report]
        output = "\(output)"

        [[benchmark]]
        name = "\(name)"
        command = [\(tomlString(CLIHarness.fixture)), "loop", "\(iterations)"]
        """
    }

    private func counts(_ run: [String: Any]) throws -> [Double] {
        let benchmark = try XCTUnwrap(try run.benchmarks().first)
        XCTAssertEqual(benchmark["metric"] as? String, "instructions")
        return try XCTUnwrap(benchmark["samplesInstructions"] as? [Double])
    }

    func testALoopTwoPercentLongerIsARegressionInOnePairOfRunsAndTheSameLoopIsUnchanged() throws {
        try requireValgrind()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("base.toml", loopConfig(1_000_000, output: "out"))
        try cli.write("head.toml", loopConfig(1_020_000, output: "out"))
        for config in ["base.toml", "base.toml", "head.toml"] {
            let run = try cli.run(["run", "--config", config, "--no-report"])
            XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        }
        let files = cli.historyFileNames("out/history")
        XCTAssertEqual(files.count, 3)
        let runs = try cli.historyRuns("out/history")
        for run in runs {
            let samples = try counts(run)
            XCTAssertEqual(samples.count, 3)
            let spread = (try XCTUnwrap(samples.max()) - (try XCTUnwrap(samples.min()))) / (try XCTUnwrap(samples.min()))
            XCTAssertLessThan(spread, 0.001, "a command's counts vary by less than 0.1 %: \(samples)")
        }

        let same = try cli.run(["compare", "out/history/\(files[0])", "out/history/\(files[1])", "--format", "json", "--fail-on-regression"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(try instructionsVerdict(same.stdout), "unchanged")

        let longer = try cli.run(["compare", "out/history/\(files[1])", "out/history/\(files[2])", "--format", "json", "--fail-on-regression"])
        XCTAssertEqual(longer.status, 1, "a regression with --fail-on-regression: " + longer.stderr)
        XCTAssertEqual(try instructionsVerdict(longer.stdout), "regression")
    }

    private func instructionsVerdict(_ json: String) throws -> String? {
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let row = try XCTUnwrap((document["benchmarks"] as? [[String: Any]])?.first)
        XCTAssertEqual(row["verdict"] as? String, (row["instructions"] as? [String: Any])?["verdict"] as? String,
            "the instruction verdict is the headline")
        return (row["instructions"] as? [String: Any])?["verdict"] as? String
    }

    func testASwiftBenchmarkCountsItsIterationsWithDeterministicHashing() throws {
        try requireValgrind()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", """
            [defaults]
            metric = "instructions"
            iterations = 3
            warmup = 1
            timeout_ms = 120000

            [[benchmark]]
            name = "hash"
            swift = "hash-2k-keys"

            [[benchmark]]
            name = "noop"
            swift = "noop"
            """)
        // --no-isolation must not matter: counting always runs the worker under valgrind.
        let run = try cli.run(["run", "--no-report", "--no-isolation"])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        let record = try XCTUnwrap(try cli.historyRuns().first)
        let benchmarks = try record.benchmarks()
        let hash = try XCTUnwrap(benchmarks.first { $0["name"] as? String == "hash" })
        let samples = try XCTUnwrap(hash["samplesInstructions"] as? [Double])
        XCTAssertEqual(samples.count, 3)
        let low = try XCTUnwrap(samples.min())
        let high = try XCTUnwrap(samples.max())
        XCTAssertGreaterThan(low, 100_000, "2,000 string insertions execute far more than 100K instructions")
        XCTAssertLessThan((high - low) / low, 0.01, "a Swift benchmark's counts vary by less than 1 %: \(samples)")
        let noop = try XCTUnwrap(benchmarks.first { $0["name"] as? String == "noop" })
        let noopSamples = try XCTUnwrap(noop["samplesInstructions"] as? [Double])
        XCTAssertLessThan(try XCTUnwrap(noopSamples.max()), 10_000, "only the iteration is counted, not the worker: \(noopSamples)")
        XCTAssertEqual(noop["mode"] as? String, "isolated")
    }

    func testWithoutValgrindTheRunStopsBeforeAnyBenchmarkWithExitTwo() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", loopConfig(1000, output: "output"))
        let run = try cli.run(["run"], environment: ["PATH": cli.directory.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("valgrind is not on PATH"), run.stderr)
        XCTAssertTrue(run.stderr.contains("apt-get install valgrind"), run.stderr)
        XCTAssertEqual(cli.historyFileNames(), [], "nothing ran, nothing stored")
    }

    func testAProgramValgrindCannotRunIsAnErrorWithValgrindsMessage() throws {
        try requireValgrind()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", """
            [defaults]
            metric = "instructions"
            iterations = 1

            [[benchmark]]
            name = "missing"
            command = ["/nonexistent/program"]

            [[benchmark]]
            name = "after"
            command = [\(tomlString(CLIHarness.fixture)), "true"]
            """)
        let run = try cli.run(["run", "--no-report"])
        XCTAssertEqual(run.status, 1, run.stderr)
        let benchmarks = try XCTUnwrap(try cli.historyRuns().first).benchmarks()
        XCTAssertEqual(benchmarks.first?["outcome"] as? String, "error")
        let error = try XCTUnwrap(benchmarks.first?["error"] as? String)
        XCTAssertTrue(error.hasPrefix("valgrind could not run it: valgrind: /nonexistent/program"), error)
        XCTAssertEqual(benchmarks.last?["outcome"] as? String, "ok", "the next benchmark runs normally")
    }
}

import BenchConfig
import BenchModel
import XCTest

final class ConfigLoaderTests: XCTestCase {
    /// The example of issue 3, verbatim.
    static let issueExample = """
        [features]
        isolated_benchmarks = true          # BENCHMARK_ISOLATION=true|false overrides; --isolation/--no-isolation override both

        [defaults]                          # every key can be overridden per [[benchmark]]
        timeout_ms = 10000
        grace_ms = 1000                     # after SIGTERM, before SIGKILL
        kill_signal = "SIGTERM"
        warmup = 3
        iterations = 30                     # and/or min_time_ms: run until this much measured time
        env = { NODE_ENV = "production" }
        inherit_env = ["PATH", "HOME", "LANG", "TMPDIR"]

        [report]
        title = "benchboard"
        output = "output"
        history = "output/history"

        [[benchmark]]
        name = "Profile Query (single)"
        group = "queries"
        swift = "profile-query-single"      # an in-code benchmark registered with the library
        target_ms = 0.8

        [[benchmark]]
        name = "gzip 1 MiB"
        group = "commands"
        command = ["gzip", "-c", "Tests/Fixtures/1mib.bin"]
        target_ms = 40
        timeout_ms = 2000
        """

    func testIssueExampleParsesWithEveryValue() throws {
        let suite = try parse(Self.issueExample)
        XCTAssertEqual(suite.sourcePath, "config.toml")
        XCTAssertEqual(suite.baseDirectory, "/suite")
        XCTAssertEqual(suite.isolatedBenchmarks, true)
        XCTAssertEqual(suite.report.title, "benchboard")
        XCTAssertEqual(suite.report.outputDirectory, "/suite/output")
        XCTAssertEqual(suite.report.historyDirectory, "/suite/output/history")
        XCTAssertNil(suite.report.templatesDirectory)
        XCTAssertEqual(suite.report.regressionThreshold, 0.05)
        XCTAssertEqual(suite.report.baseline, "previous")
        XCTAssertEqual(suite.benchmarks.count, 2)

        let profile = suite.benchmarks[0]
        XCTAssertEqual(profile.name, "Profile Query (single)")
        XCTAssertEqual(profile.group, "queries")
        XCTAssertEqual(profile.definition, .swift("profile-query-single"))
        XCTAssertEqual(profile.kind, .swift)
        XCTAssertEqual(profile.targetMs, 0.8)
        XCTAssertEqual(profile.targetNs, 800_000)
        XCTAssertEqual(profile.timeoutMs, 10_000)
        XCTAssertEqual(profile.graceMs, 1_000)
        XCTAssertEqual(profile.killSignal, "SIGTERM")
        XCTAssertEqual(profile.warmup, 3)
        XCTAssertEqual(profile.iterations, 30)
        XCTAssertNil(profile.minTimeMs)
        XCTAssertEqual(profile.env, ["NODE_ENV": "production"])
        XCTAssertEqual(profile.inheritEnv, ["PATH", "HOME", "LANG", "TMPDIR"])
        XCTAssertEqual(profile.line, 18)

        let gzip = suite.benchmarks[1]
        XCTAssertEqual(gzip.definition, .command(["gzip", "-c", "Tests/Fixtures/1mib.bin"]))
        XCTAssertEqual(gzip.kind, .command)
        XCTAssertEqual(gzip.targetMs, 40)
        XCTAssertEqual(gzip.timeoutMs, 2000)
        XCTAssertEqual(gzip.line, 24)
        XCTAssertEqual(gzip.settings.command, ["gzip", "-c", "Tests/Fixtures/1mib.bin"])
        XCTAssertNil(gzip.settings.swift)
    }

    func testMinimalFileGetsEveryDefault() throws {
        let suite = try parse("""
            [[benchmark]]
            name = "true"
            command = ["/bin/true"]
            """)
        XCTAssertNil(suite.isolatedBenchmarks)
        XCTAssertEqual(suite.report, ReportSettings.defaults(baseDirectory: "/suite"))
        XCTAssertEqual(suite.report.memoryThreshold, 0.10)
        XCTAssertEqual(suite.report.cpuThreshold, 0.10)
        XCTAssertEqual(suite.report.alpha, 0.01)
        XCTAssertFalse(suite.report.slowIsFailure)
        XCTAssertEqual(
            suite.benchmarks,
            // A spec built in code has one round unless asked; config.toml's default is more.
            [BenchmarkSpec(name: "true", definition: .command(["/bin/true"]), rounds: ConfigDefaults.rounds, line: 1)])
        XCTAssertEqual(suite.benchmarks[0].group, "default")
        XCTAssertEqual(suite.benchmarks[0].env, ["NODE_ENV": "production"])
    }

    func testNumbersAcceptIntegersAndDecimals() throws {
        let suite = try parse("""
            [defaults]
            min_time_ms = 250
            timeout_ms = 2000.0

            [[benchmark]]
            name = "int"
            command = ["true"]
            target_ms = 12

            [[benchmark]]
            name = "decimal"
            command = ["true"]
            target_ms = 12.5
            min_time_ms = 0.5
            """)
        XCTAssertEqual(suite.benchmarks.map(\.targetMs), [12, 12.5])
        XCTAssertEqual(suite.benchmarks.map(\.minTimeMs), [250, 0.5])
        XCTAssertEqual(suite.benchmarks.map(\.timeoutMs), [2000, 2000])
    }

    func testPerBenchmarkOverridesAndEnvMerge() throws {
        let suite = try parse("""
            [defaults]
            env = { NODE_ENV = "production", LOG = "quiet" }
            inherit_env = ["PATH"]
            warmup = 1
            kill_signal = "int"
            regression_threshold = "7.5%"

            [[benchmark]]
            name = "a"
            swift = "json-encode"
            env = { LOG = "debug", EXTRA = "1" }
            inherit_env = ["PATH", "HOME"]
            warmup = 0
            iterations = 5
            grace_ms = 0
            kill_signal = "SIGKILL"
            regression_threshold = 0.2

            [[benchmark]]
            name = "b"
            swift = "json-encode"
            """)
        let a = suite.benchmarks[0]
        XCTAssertEqual(a.env, ["NODE_ENV": "production", "LOG": "debug", "EXTRA": "1"])
        XCTAssertEqual(a.inheritEnv, ["PATH", "HOME"])
        XCTAssertEqual(a.warmup, 0)
        XCTAssertEqual(a.iterations, 5)
        XCTAssertEqual(a.graceMs, 0)
        XCTAssertEqual(a.killSignal, "SIGKILL")
        XCTAssertEqual(a.regressionThreshold, 0.2)
        let b = suite.benchmarks[1]
        XCTAssertEqual(b.env, ["NODE_ENV": "production", "LOG": "quiet"])
        XCTAssertEqual(b.inheritEnv, ["PATH"])
        XCTAssertEqual(b.warmup, 1)
        XCTAssertEqual(b.killSignal, "SIGINT")
        XCTAssertEqual(try XCTUnwrap(b.regressionThreshold), 0.075, accuracy: 1e-12)
    }

    func testBenchmarkEnvMergesOverTheBuiltInEnv() throws {
        let suite = try parse("""
            [[benchmark]]
            name = "a"
            command = ["true"]
            env = { EXTRA = "1" }

            [[benchmark]]
            name = "b"
            command = ["true"]
            env = { NODE_ENV = "test" }
            """)
        XCTAssertEqual(suite.benchmarks[0].env, ["NODE_ENV": "production", "EXTRA": "1"])
        XCTAssertEqual(suite.benchmarks[1].env, ["NODE_ENV": "test"])
        let empty = try parse("[defaults]\nenv = {}\n[[benchmark]]\nname = \"a\"\ncommand = [\"true\"]\n")
        XCTAssertEqual(empty.benchmarks[0].env, [:], "[defaults] env replaces the built-in env")
    }

    func testReportSettings() throws {
        let suite = try parse("""
            [report]
            title = "Nightly <perf> & \\"friends\\""
            output = "site"
            templates = "../shared/templates"
            regression_threshold = "5%"
            memory_threshold = 0.2
            cpu_threshold = "15 %"
            alpha = 0.05
            slow_is_failure = true
            baseline = "branch:main"

            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
        XCTAssertEqual(suite.report.title, "Nightly <perf> & \"friends\"")
        XCTAssertEqual(suite.report.outputDirectory, "/suite/site")
        XCTAssertEqual(suite.report.historyDirectory, "/suite/site/history", "the history follows a moved output")
        XCTAssertEqual(suite.report.templatesDirectory, "/shared/templates")
        XCTAssertEqual(suite.report.regressionThreshold, 0.05, accuracy: 1e-12)
        XCTAssertEqual(suite.report.memoryThreshold, 0.2)
        XCTAssertEqual(suite.report.cpuThreshold, 0.15, accuracy: 1e-12)
        XCTAssertEqual(suite.report.alpha, 0.05)
        XCTAssertTrue(suite.report.slowIsFailure)
        XCTAssertEqual(suite.report.baseline, "branch:main")
    }

    func testNamesMayHoldAnyCharacters() throws {
        let name = #"<script>alert("x")</script> & ../../etc/passwd \ 🚀"#
        let suite = try parse("""
            [[benchmark]]
            name = '\(name)'
            command = ["true"]
            """)
        XCTAssertEqual(suite.benchmarks[0].name, name)
    }

    func testSwiftNamesAreNotCheckedWithoutARegistry() throws {
        let suite = try parse(
            """
            [[benchmark]]
            name = "x"
            swift = "anything"
            """, registered: nil)
        XCTAssertEqual(suite.benchmarks[0].definition, .swift("anything"))
    }

    func testLoadResolvesAgainstTheFilesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bench.toml")
        try Data("[report]\nhistory = \"runs\"\n[[benchmark]]\nname = \"x\"\ncommand = [\"true\"]\n".utf8).write(to: file)

        let suite = try ConfigLoader.load(path: file.path, registeredSwiftBenchmarks: [])
        XCTAssertEqual(suite.baseDirectory, folder.standardizedFileURL.path)
        XCTAssertEqual(suite.report.historyDirectory, folder.appendingPathComponent("runs").standardizedFileURL.path)
        XCTAssertEqual(suite.report.outputDirectory, folder.appendingPathComponent("output").standardizedFileURL.path)
    }

    func testMissingFileAndFolder() {
        XCTAssertThrowsError(try ConfigLoader.load(path: "/nonexistent/config.toml", registeredSwiftBenchmarks: nil)) {
            XCTAssertEqual(
                "\($0)", "/nonexistent/config.toml: no such file; create one or pass --config")
        }
        XCTAssertThrowsError(try ConfigLoader.load(path: "/tmp", registeredSwiftBenchmarks: nil)) {
            XCTAssertEqual("\($0)", "/tmp: is a folder; pass the file itself, e.g. --config /tmp/config.toml")
        }
    }
}

final class ConfigBaseDirectoryTests: XCTestCase {
    func testRelativeBaseDirectoryIsTakenFromTheCurrentDirectory() throws {
        let suite = try ConfigLoader.parse(
            text: "[[benchmark]]\nname = \"x\"\ncommand = [\"true\"]\n", path: "sub/config.toml", baseDirectory: "sub",
            registeredSwiftBenchmarks: nil)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        XCTAssertEqual(suite.baseDirectory, cwd + "/sub")
        XCTAssertEqual(suite.report.historyDirectory, cwd + "/sub/output/history")
    }
}

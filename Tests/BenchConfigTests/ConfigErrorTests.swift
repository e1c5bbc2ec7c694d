import BenchConfig
import XCTest

/// Every kind of mistake, with the exact line it is reported on.
final class ConfigErrorTests: XCTestCase {
    func testMalformedTOMLCarriesTheParsersLine() {
        let lines = problems("""
            [defaults]
            warmup = 3
            iterations =
            """)
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix("config.toml:3: invalid TOML: "), lines[0])
    }

    func testUnknownKeyWithSuggestion() {
        XCTAssertEqual(
            problems("""
                [[benchmark]]
                name = "x"
                command = ["true"]
                # a comment
                iteratons = 5
                """),
            ["config.toml:5: unknown key 'iteratons' in [[benchmark]] 'x'; did you mean 'iterations'?"])
    }

    func testUnknownKeysTablesAndMisplacedKeys() {
        XCTAssertEqual(
            problems("""
                title = "x"
                [reprot]
                title = "y"
                [defaults]
                tiemout_ms = 5
                name = "z"
                colour = "red"
                [[benchmark]]
                name = "x"
                command = ["true"]
                """),
            [
                "config.toml:1: unknown key 'title' at the top level; 'title' belongs in [report]",
                "config.toml:2: unknown table [reprot]; did you mean [report]?",
                "config.toml:5: unknown key 'tiemout_ms' in [defaults]; did you mean 'timeout_ms'?",
                "config.toml:6: unknown key 'name' in [defaults]; 'name' belongs in a [[benchmark]]",
                "config.toml:7: unknown key 'colour' in [defaults] (known keys: timeout_ms, grace_ms, kill_signal, warmup, iterations, rounds, min_time_ms, max_duration_ms, env, inherit_env, target_ms, regression_threshold, metric, max_memory_mb, max_processes, max_cpu_s, max_open_files, max_output_mb)",
            ])
    }

    func testMaxDurationIsPositiveAndForSwiftBenchmarksOnly() {
        XCTAssertEqual(
            problems("""
                [defaults]
                max_duration_ms = 0
                [[benchmark]]
                name = "program"
                command = ["true"]
                max_duration_ms = 100
                """),
            [
                "config.toml:2: 'max_duration_ms' must be greater than 0, got 0",
                "config.toml:6: 'max_duration_ms' in [[benchmark]] 'program' applies to swift benchmarks only; a command benchmark runs exactly its iterations (use iterations = … or timeout_ms = …)",
            ])
        // From [defaults] it reaches swift benchmarks, and command benchmarks simply do not use it.
        let suite = try? parse("""
            [defaults]
            max_duration_ms = 250
            [[benchmark]]
            name = "swift"
            swift = "json-encode"
            [[benchmark]]
            name = "own budget"
            swift = "json-encode"
            max_duration_ms = 40.5
            [[benchmark]]
            name = "program"
            command = ["true"]
            """)
        XCTAssertEqual(suite?.benchmarks.map(\.maxDurationMs), [250, 40.5, nil])
        XCTAssertEqual(suite?.benchmarks.first?.settings.maxDurationMs, 250)
    }

    func testWrongTypes() {
        XCTAssertEqual(
            problems("""
                [features]
                isolated_benchmarks = "yes"
                [defaults]
                timeout_ms = "10s"
                grace_ms = 12.5
                env = { PORT = 8080 }
                inherit_env = "PATH"
                [report]
                slow_is_failure = 1
                [[benchmark]]
                name = 42
                command = "gzip -c file"
                """),
            [
                "config.toml:2: 'isolated_benchmarks' must be true or false, got a string (\"yes\")",
                "config.toml:4: 'timeout_ms' must be a whole number of milliseconds, got a string (\"10s\")",
                "config.toml:5: 'grace_ms' must be a whole number of milliseconds, got 12.5",
                "config.toml:6: 'env' value 'PORT' must be a string, got an integer (8080); write PORT = \"8080\"",
                "config.toml:7: 'inherit_env' must be an array of variable names such as [\"PATH\", \"HOME\"], got a string (\"PATH\")",
                "config.toml:9: 'slow_is_failure' must be true or false, got an integer (1)",
                "config.toml:11: 'name' must be a string, got an integer (42)",
                "config.toml:12: 'command' must be an array of strings (the program and its arguments; no shell is used), got a string; write command = [\"gzip\", \"-c\", \"file\"]",
            ])
    }

    func testNonsenseValues() {
        XCTAssertEqual(
            problems("""
                [[benchmark]]
                name = "x"
                command = ["true"]
                iterations = 0
                warmup = -1
                timeout_ms = 0
                target_ms = -2.5
                min_time_ms = 0
                kill_signal = "SIGTREM"
                regression_threshold = 5
                [report]
                alpha = 1.5
                memory_threshold = "lots"
                baseline = "branch:"
                """),
            [
                "config.toml:4: 'iterations' must be at least 1, got 0",
                "config.toml:5: 'warmup' must be 0 or more, got -1",
                "config.toml:6: 'timeout_ms' must be at least 1, got 0",
                "config.toml:7: 'target_ms' must be greater than 0, got -2.5",
                "config.toml:8: 'min_time_ms' must be greater than 0, got 0",
                "config.toml:9: 'kill_signal' must be one of SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGKILL, SIGUSR1, SIGUSR2, got \"SIGTREM\"; did you mean \"SIGTERM\"?",
                "config.toml:10: 'regression_threshold' is a fraction (0.05 = 5 %), got 5; for 5 % write \"5%\"",
                "config.toml:12: 'alpha' must be a probability between 0 and 1 such as 0.01, got a decimal number (1.5)",
                "config.toml:13: 'memory_threshold' must be a fraction such as 0.05 or a percentage such as \"5%\", got a string (\"lots\")",
                "config.toml:14: 'baseline' must be \"previous\", a run id, or \"branch:NAME\", got \"branch:\"",
            ])
    }

    func testSwiftAndCommandBothNeitherAndEmpty() {
        XCTAssertEqual(
            problems("""
                [[benchmark]]
                name = "both"
                swift = "json-encode"
                command = ["true"]

                [[benchmark]]
                name = "neither"
                group = "g"

                [[benchmark]]
                name = "empty"
                command = []

                [[benchmark]]
                command = ["true"]
                """),
            [
                "config.toml:4: [[benchmark]] 'both' has both 'swift' and 'command'; keep one: swift = \"…\" runs a registered Swift benchmark, command = [\"…\"] runs a program",
                "config.toml:6: [[benchmark]] 'neither' has neither 'swift' nor 'command'; add swift = \"<registered name>\" or command = [\"program\", \"argument\"]",
                "config.toml:12: 'command' is empty; give the program to run and its arguments, e.g. [\"gzip\", \"-c\", \"file\"]",
                "config.toml:14: [[benchmark]] #4 has no name; add name = \"…\"",
            ])
    }

    func testDuplicateNamesNameBothLines() {
        XCTAssertEqual(
            problems("""
                [[benchmark]]
                name = "same"
                command = ["true"]

                [[benchmark]]
                name = "other"
                command = ["true"]

                [[benchmark]]
                name = "same"
                command = ["false"]
                """),
            [
                "config.toml:9: duplicate benchmark name 'same': already used by the [[benchmark]] at line 1; names must be unique"
            ])
    }

    func testUnregisteredSwiftBenchmark() {
        XCTAssertEqual(
            problems("""
                [[benchmark]]
                name = "p"
                swift = "profile-query-singel"
                """),
            [
                "config.toml:3: swift benchmark 'profile-query-singel' in [[benchmark]] 'p' is not registered; did you mean 'profile-query-single'? (registered: 'json-encode', 'profile-query-single')"
            ])
        XCTAssertEqual(
            problems("[[benchmark]]\nname = \"p\"\nswift = \"x\"\n", registered: []),
            [
                "config.toml:3: swift benchmark 'x' in [[benchmark]] 'p' is not registered; this executable registers no Swift benchmarks (use command = [\"…\"] to run a program)"
            ])
    }

    func testEmptySuite() {
        XCTAssertEqual(
            problems("[report]\ntitle = \"x\"\n"),
            ["config.toml: no benchmarks; add a [[benchmark]] with a name and either swift = \"…\" or command = [\"…\"]"])
        XCTAssertEqual(problems("").count, 1)
    }

    func testBenchmarkWrittenAsSingleTable() {
        XCTAssertEqual(
            problems("[benchmark]\nname = \"x\"\ncommand = [\"true\"]\n"),
            ["config.toml:1: benchmarks are written [[benchmark]] (two brackets), one table per benchmark"])
    }

    func testEveryProblemIsCollectedInFileOrder() throws {
        let text = """
            [defaults]
            warmup = "3"

            [[benchmark]]
            name = "a"
            command = ["true"]
            zeta = 1
            alpha = 2

            [[benchmark]]
            name = "b"
            swift = "nope"
            """
        let error = try XCTUnwrap(configError(text))
        XCTAssertEqual(error.diagnostics.map(\.line), [2, 7, 8, 12])
        XCTAssertEqual(error.description.split(separator: "\n").count, 4)
    }

    /// Lines come from a scan of the raw text: brackets, quotes and `#` inside strings, comments,
    /// multi-line strings and arrays must not shift them.
    func testLineLocatorIgnoresLookalikesInStringsAndComments() {
        let lines = problems(#"""
            # [[benchmark]] in a comment
            [defaults]
            env = { A = "[[benchmark]]", B = "# not a comment" }

            [[benchmark]]   # first
            name = "a ] [[benchmark]] \" #"
            command = [
                "sh", "-c",   # [[benchmark]]
                """
                echo '[[benchmark]]'
                iterations = 0
                """,
            ]
            'quoted key' = 1

            [benchmark.env]
            X = "y"

            [[benchmark]]
            name = 'b'
            command = ['''
            [[benchmark]]
            ''']
            "iter.ations" = 2
            """#)
        XCTAssertEqual(
            lines,
            [
                "config.toml:14: unknown key 'quoted key' in [[benchmark]] 'a ] [[benchmark]] \" #' (known keys: name, group, swift, command, informational, timeout_ms, grace_ms, kill_signal, warmup, iterations, rounds, min_time_ms, max_duration_ms, env, inherit_env, target_ms, regression_threshold, metric, max_memory_mb, max_processes, max_cpu_s, max_open_files, max_output_mb)",
                "config.toml:24: unknown key 'iter.ations' in [[benchmark]] 'b'; did you mean 'iterations'?",
            ])
    }

    func testDottedKeysAndSubtablesAreLocated() {
        XCTAssertEqual(
            problems("""
                report.title = 3
                [[benchmark]]
                name = "a"
                command = ["true"]
                [benchmark.env]
                N = 1
                """),
            [
                "config.toml:1: 'title' must be a string, got an integer (3)",
                "config.toml:6: 'env' value 'N' must be a string, got an integer (1); write N = \"1\"",
            ])
    }
}

final class ConfigEdgeCaseTests: XCTestCase {
    func testShortenedKeysAreSuggested() {
        XCTAssertEqual(
            problems("[defaults]\ntimeout = 5\ntarget = 1\n[[benchmark]]\nname = \"x\"\ncommand = [\"true\"]\n"),
            [
                "config.toml:2: unknown key 'timeout' in [defaults]; did you mean 'timeout_ms'?",
                "config.toml:3: unknown key 'target' in [defaults]; did you mean 'target_ms'?",
            ])
    }

    func testByteOrderMarkAndCRLF() {
        XCTAssertEqual(
            problems("\u{FEFF}[features]\r\nisolated_benchmarks = 1\r\n[[benchmark]]\r\nname = \"x\"\r\ncommand = [\"true\"]\r\n"),
            ["config.toml:2: 'isolated_benchmarks' must be true or false, got an integer (1)"])
    }

    func testInlineArrayOfBenchmarks() throws {
        let suite = try parse("benchmark = [\n  { name = \"a\", command = [\"true\"] },\n]\n")
        XCTAssertEqual(suite.benchmarks.map(\.name), ["a"])
        XCTAssertEqual(
            problems("# inline\nbenchmark = [{ name = \"a\", command = [] }]\n"),
            ["config.toml:2: 'command' is empty; give the program to run and its arguments, e.g. [\"gzip\", \"-c\", \"file\"]"])
    }

    func testParserErrorsKeepTheirLine() {
        let cases: [(String, Int)] = [
            ("[[benchmark]]\nname = \"a\"\nname = \"b\"\n", 3),  // duplicate key
            ("[report]\ntitle = \"unterminated\n", 2),
            ("[report]\n[report]\n", 2),
            ("x = 1\n\n\ny = [1,\n", 4),
        ]
        for (text, line) in cases {
            let lines = problems(text)
            XCTAssertEqual(lines.count, 1, text)
            XCTAssertTrue(lines.first?.hasPrefix("config.toml:\(line): invalid TOML: ") ?? false, "\(lines)")
        }
    }
}

import BenchConfig
import XCTest

/// `max_memory_mb`, `max_processes`, `max_cpu_s`, `max_open_files`, `max_output_mb`.
final class ResourceLimitTests: XCTestCase {
    func testDefaultsApplyAndEachBenchmarkKeyReplacesItsDefault() throws {
        let suite = try parse("""
            [defaults]
            max_memory_mb = 512
            max_processes = 64
            max_output_mb = 0.5

            [[benchmark]]
            name = "a"
            command = ["true"]

            [[benchmark]]
            name = "b"
            command = ["true"]
            max_memory_mb = 32
            max_cpu_s = 5
            max_open_files = 100
            """)
        XCTAssertEqual(suite.benchmarks[0].limits, ResourceLimits([.memory: 512, .processes: 64, .output: 0.5]))
        XCTAssertEqual(
            suite.benchmarks[1].limits,
            ResourceLimits([.memory: 32, .processes: 64, .output: 0.5, .cpu: 5, .openFiles: 100]))
    }

    func testNoLimitsByDefault() throws {
        let suite = try parse("""
            [[benchmark]]
            name = "a"
            command = ["true"]
            """)
        XCTAssertTrue(suite.benchmarks[0].limits.isEmpty)
    }

    func testOutOfRangeAndWrongTypesAreRefusedWithTheirLines() {
        XCTAssertEqual(
            problems("""
                [defaults]
                max_memory_mb = 0
                max_processes = 2.5

                [[benchmark]]
                name = "a"
                command = ["true"]
                max_cpu_s = "10"
                max_open_files = 2
                max_output_mb = 1e300
                max_memroy_mb = 5
                """),
            [
                "config.toml:2: 'max_memory_mb' must be between 1 and 16777216 MB, got 0",
                "config.toml:3: 'max_processes' must be a whole number of processes, got 2.5",
                "config.toml:8: 'max_cpu_s' must be a whole number of seconds, got a string (\"10\")",
                "config.toml:9: 'max_open_files' must be between 4 and 1048576 files, got 2",
                "config.toml:10: 'max_output_mb' must be between 0.001 and 1048576 MB, got 1e+300",
                "config.toml:11: unknown key 'max_memroy_mb' in [[benchmark]] 'a'; did you mean 'max_memory_mb'?",
            ])
    }
}

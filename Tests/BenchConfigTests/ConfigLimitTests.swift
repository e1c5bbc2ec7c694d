import BenchConfig
import XCTest

/// Values that parse as TOML but would trap or exhaust memory once converted to nanoseconds or
/// sized into arrays are refused by validation, each with its line.
final class ConfigLimitTests: XCTestCase {
    func testDurationsAndCountsBeyondTheirCeilingsAreRefusedWithTheirLines() {
        XCTAssertEqual(
            problems("""
                [defaults]
                target_ms = 1e13
                min_time_ms = 1e14
                timeout_ms = 10_000_000_000
                [[benchmark]]
                name = "x"
                command = ["true"]
                grace_ms = 604_800_001
                iterations = 1e9
                warmup = 2_000_000
                """),
            [
                "config.toml:2: 'target_ms' must be at most 604800000 ms (7 days), got 10000000000000",
                "config.toml:3: 'min_time_ms' must be at most 604800000 ms (7 days), got 100000000000000",
                "config.toml:4: 'timeout_ms' must be at most 604800000 ms (7 days), got 10000000000",
                "config.toml:8: 'grace_ms' must be at most 604800000 ms (7 days), got 604800001",
                "config.toml:9: 'iterations' must be at most 1000000, got 1000000000",
                "config.toml:10: 'warmup' must be at most 1000000, got 2000000",
            ])
    }

    func testTheCeilingsThemselvesAreAccepted() throws {
        let suite = try parse("""
            [[benchmark]]
            name = "x"
            command = ["true"]
            target_ms = 604_800_000
            min_time_ms = 604_800_000
            timeout_ms = 604_800_000
            iterations = 1_000_000
            """)
        let spec = try XCTUnwrap(suite.benchmarks.first)
        XCTAssertEqual(spec.targetNs, 604_800_000_000_000)
        XCTAssertEqual(spec.iterations, 1_000_000)
    }

    func testTheResultChannelVariableCannotBeSetOrInherited() {
        XCTAssertEqual(
            problems("""
                [defaults]
                env = { BENCHBOARD_RESULT_FD = "7" }
                [[benchmark]]
                name = "x"
                command = ["true"]
                inherit_env = ["PATH", "BENCHBOARD_RESULT_FD"]
                """),
            [
                "config.toml:2: 'env' cannot set BENCHBOARD_RESULT_FD: benchboard sets it for every child (the result channel is always fd 3); remove it",
                "config.toml:6: 'inherit_env' cannot inherit BENCHBOARD_RESULT_FD: benchboard sets it for every child (the result channel is always fd 3); remove it",
            ])
    }

    func testHistoryFileSizeCap() throws {
        let suite = try parse("""
            [history]
            max_file_mb = 16
            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
        XCTAssertEqual(suite.report.historyMaxFileBytes, 16 * 1_048_576)
        let defaults = try parse("""
            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
        XCTAssertEqual(defaults.report.historyMaxFileBytes, 256 * 1_048_576)
        XCTAssertEqual(
            problems("""
                [history]
                max_file_mb = 0
                max_size = 3
                [[benchmark]]
                name = "x"
                command = ["true"]
                """),
            [
                "config.toml:2: 'max_file_mb' must be at least 1, got 0",
                "config.toml:3: unknown key 'max_size' in [history] (known keys: max_file_mb)",
            ])
    }
}

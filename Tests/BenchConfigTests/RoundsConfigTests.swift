import BenchConfig
import BenchModel
import XCTest

/// `rounds`: how many processes (rounds across the suite) a benchmark is measured in.
final class RoundsConfigTests: XCTestCase {
    func testRoundsDefaultsAreOverriddenPerBenchmarkAndRecorded() throws {
        let suite = try parse("""
            [[benchmark]]
            name = "built-in"
            command = ["a"]
            """)
        XCTAssertEqual(suite.benchmarks.map(\.rounds), [ConfigDefaults.rounds])
        XCTAssertEqual(ConfigDefaults.rounds, 5)

        let layered = try parse("""
            [defaults]
            rounds = 3

            [[benchmark]]
            name = "inherits"
            command = ["a"]

            [[benchmark]]
            name = "own"
            swift = "json-encode"
            rounds = 8
            """)
        XCTAssertEqual(layered.benchmarks.map(\.rounds), [3, 8])
        XCTAssertEqual(layered.benchmarks.map(\.settings.rounds), [3, 8])
    }

    func testRoundsOutOfRangeOrNotWholeAreRefusedWithTheirLines() {
        XCTAssertEqual(
            problems("""
                [defaults]
                rounds = 0

                [[benchmark]]
                name = "a"
                command = ["a"]
                rounds = 101

                [[benchmark]]
                name = "b"
                command = ["b"]
                rounds = 2.5

                [[benchmark]]
                name = "c"
                command = ["c"]
                rounds = "5"
                """),
            [
                "config.toml:2: 'rounds' must be at least 1, got 0",
                "config.toml:7: 'rounds' must be at most 100, got 101",
                "config.toml:12: 'rounds' must be a whole number, got 2.5",
                "config.toml:17: 'rounds' must be a whole number, got a string (\"5\")",
            ])
    }

    func testAMisspeltRoundsIsSuggestedAndTheLimitKeyIsNotConfusedWithIt() {
        XCTAssertEqual(
            problems("""
                [defaults]
                round = 3

                [[benchmark]]
                name = "a"
                command = ["a"]
                """),
            ["config.toml:2: unknown key 'round' in [defaults]; did you mean 'rounds'?"])
    }
}

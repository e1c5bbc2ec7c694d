import BenchConfig
import BenchModel
import XCTest

final class MetricConfigTests: XCTestCase {
    func testMetricDefaultsToTimeAndIsInheritedFromDefaults() throws {
        let suite = try parse("""
            [defaults]
            metric = "instructions"

            [[benchmark]]
            name = "loop"
            command = ["loop"]

            [[benchmark]]
            name = "timed"
            command = ["timed"]
            metric = "time"
            """)
        XCTAssertEqual(suite.benchmarks.map(\.metric), [.instructions, .time])
        XCTAssertEqual(suite.benchmarks[0].settings.metric, .instructions)
        XCTAssertNil(suite.benchmarks[1].settings.metric, "time files keep their old shape")
        XCTAssertEqual(suite.report.instructionsThreshold, 0.01)
    }

    func testInstructionsThresholdInReport() throws {
        let suite = try parse("""
            [report]
            instructions_threshold = "0.5%"

            [[benchmark]]
            name = "a"
            command = ["a"]
            """)
        XCTAssertEqual(suite.report.instructionsThreshold, 0.005, accuracy: 1e-12)
    }

    func testAnUnknownMetricIsRefusedWithItsLineAndAHint() throws {
        let found = problems("""
            [[benchmark]]
            name = "a"
            command = ["a"]
            metric = "instruction"
            """)
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found[0].hasPrefix("config.toml:4: 'metric' must be \"time\" or \"instructions\""), found[0])
        XCTAssertTrue(found[0].contains("did you mean \"instructions\""), found[0])
    }

    func testAMetricThatIsNotAStringIsRefused() throws {
        let found = problems("""
            [defaults]
            metric = 1

            [[benchmark]]
            name = "a"
            command = ["a"]
            """)
        XCTAssertEqual(found, ["config.toml:2: 'metric' must be \"time\" or \"instructions\", got an integer (1)"])
    }
}

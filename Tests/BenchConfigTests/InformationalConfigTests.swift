import BenchConfig
import BenchModel
import XCTest

/// `informational = true` on a `[[benchmark]]`: recorded in its settings, so its verdicts are
/// shown and never gate; like every key, a wrong value is refused with its line.
final class InformationalConfigTests: XCTestCase {
    func testInformationalLandsInTheSettings() throws {
        let suite = try parse("""
            [[benchmark]]
            name = "noisy"
            command = ["noisy"]
            informational = true

            [[benchmark]]
            name = "gating"
            command = ["gating"]
            """)
        XCTAssertEqual(suite.benchmarks.map(\.informational), [true, false])
        XCTAssertEqual(suite.benchmarks[0].settings.informational, true)
        XCTAssertNil(suite.benchmarks[1].settings.informational, "run files of gating benchmarks keep their shape")
    }

    func testAWrongValueIsRefusedWithItsLine() {
        XCTAssertEqual(problems("""
            [[benchmark]]
            name = "a"
            command = ["a"]
            informational = "yes"
            """), ["config.toml:4: 'informational' must be true or false, got a string (\"yes\")"])
    }

    func testInformationalBelongsToOneBenchmark() {
        let found = problems("""
            [defaults]
            informational = true

            [[benchmark]]
            name = "a"
            command = ["a"]
            """)
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found[0].hasPrefix("config.toml:2: unknown key 'informational' in [defaults]"), found[0])
    }
}

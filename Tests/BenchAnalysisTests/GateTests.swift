import BenchAnalysis
import BenchModel
import BenchStats
import RecordSupport
import XCTest

/// Every gate asks `failsGate`: informational benchmarks and `unconfirmed` verdicts never fail it.
final class GateTests: XCTestCase {
    func testInformationalRegressionsAreShownAndNeverGate() throws {
        var g = SeededGenerator(seed: 200)
        func run(_ id: String, minute: Int, level: Double, informational: Bool) -> RunRecord {
            Records.run(id, minute: minute, [
                Records.result(
                    "x", processes: Records.processes(5, samples: 10, level: level, jitter: 0.01, noise: 0.01, &g),
                    informational: informational)
            ])
        }
        let base = run("base", minute: 0, level: 1e6, informational: true)
        let gating = Analyzer.compare(current: run("a", minute: 1, level: 3e6, informational: false), baseline: base)
        XCTAssertEqual(gating.benchmarks[0].verdict, .regression)
        XCTAssertTrue(gating.failsGate)
        XCTAssertTrue(gating.hasAnyMetricRegression)
        XCTAssertTrue(gating.hasRegressionOrFailure)

        let shown = Analyzer.compare(current: run("b", minute: 2, level: 3e6, informational: true), baseline: base)
        let row = shown.benchmarks[0]
        XCTAssertEqual(row.verdict, .regression, "the verdict is still shown")
        XCTAssertTrue(row.informational)
        XCTAssertFalse(row.failsGate)
        XCTAssertFalse(shown.failsGate)
        XCTAssertFalse(shown.hasAnyMetricRegression)
        XCTAssertFalse(shown.hasRegressionOrFailure)
    }

    func testUnconfirmedNeverGatesAndAFailureAlwaysDoes() {
        var g = SeededGenerator(seed: 201)
        let base = Records.run("base", minute: 0, [Records.result("x", samples: Records.samples(30, level: 1e6, noise: 0.01, &g))])
        let slower = Records.run("now", minute: 1, [Records.result("x", samples: Records.samples(30, level: 1.3e6, noise: 0.01, &g))])
        let c = Analyzer.compare(current: slower, baseline: base)
        XCTAssertEqual(c.benchmarks[0].verdict, .unconfirmed)
        XCTAssertFalse(c.failsGate)
        var crashed = Records.result("x", samples: [], outcome: .crashed)
        crashed.config = BenchmarkSettings(
            command: ["true"], swift: nil, iterations: 1, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM", env: [:],
            inheritEnv: [], informational: true)
        XCTAssertTrue(Analyzer.compare(current: Records.run("c", minute: 2, [crashed]), baseline: base).failsGate)
    }
}

import BenchConfig
import XCTest

@testable import BenchRunner

/// The worker's command line, as the runner builds it and the worker reads it back.
final class WorkerInvocationTests: XCTestCase {
    func testEveryInvocationSurvivesTheCommandLine() throws {
        let invocations = [
            WorkerInvocation(name: "plain", warmup: 0, iterations: 1),
            WorkerInvocation(name: "timed", warmup: 3, iterations: 50, minTimeMs: 0.25, maxDurationMs: 1_500),
            WorkerInvocation(name: "a name with spaces, é and --dashes", warmup: 1, iterations: 2, maxDurationMs: 1e-3),
            WorkerInvocation(name: "counted", warmup: 2, iterations: 7, countInstructions: true),
            WorkerInvocation(name: "--looks-like-an-option", warmup: 0, iterations: 1_000_000, minTimeMs: 604_800_000),
        ]
        for invocation in invocations {
            let arguments = invocation.arguments
            XCTAssertEqual(arguments.prefix(2), [WorkerInvocation.command, invocation.name])
            XCTAssertEqual(try WorkerInvocation(parsing: Array(arguments.dropFirst())), invocation)
        }
    }

    func testBuiltFromASpec() {
        var spec = BenchmarkSpec(name: "configured", definition: .swift("registered"), warmup: 4, iterations: 9)
        spec.minTimeMs = 20
        spec.maxDurationMs = 90.5
        XCTAssertEqual(
            WorkerInvocation(spec, name: "registered").arguments,
            ["worker", "registered", "--warmup", "4", "--iterations", "9", "--min-time-ms", "20.0", "--max-duration-ms", "90.5"])
        // Counting instructions takes no time budget: the iterations are the count.
        XCTAssertEqual(
            WorkerInvocation(spec, name: "registered", countInstructions: true).arguments,
            ["worker", "registered", "--warmup", "4", "--iterations", "9", "--count-instructions"])
    }

    func testSettingsAreClampedAndNonPositiveTimesAreNoBudget() throws {
        let parsed = try WorkerInvocation(parsing: [
            "w", "--warmup", "-5", "--iterations", "99999999", "--min-time-ms", "-1", "--max-duration-ms", "2.5",
        ])
        XCTAssertEqual(
            parsed.settings,
            IterationSettings(warmup: 0, iterations: IterationSettings.maximumIterations, minTimeNs: nil, maxDurationNs: 2_500_000))
        let unparsable = try WorkerInvocation(parsing: ["w", "--iterations", "many", "--min-time-ms", "soon"])
        XCTAssertEqual(unparsable.settings, IterationSettings(warmup: 0, iterations: 1, minTimeNs: nil))
    }

    func testAMalformedCommandLineIsRefusedWithASentence() {
        XCTAssertThrowsError(try WorkerInvocation(parsing: [])) {
            XCTAssertEqual($0 as? WorkerInvocationError, .missingName)
        }
        XCTAssertThrowsError(try WorkerInvocation(parsing: ["w", "--warmup"])) {
            XCTAssertEqual(($0 as? WorkerInvocationError)?.description, "worker: --warmup needs a value")
        }
        XCTAssertThrowsError(try WorkerInvocation(parsing: ["w", "--fast", "1"])) {
            XCTAssertEqual(($0 as? WorkerInvocationError)?.description, "worker: unknown option --fast")
        }
    }
}

import BenchConfig
import BenchModel
import XCTest

@testable import BenchRunner

/// How a benchmark's iterations, budgets and warm-up are split over its rounds.
final class RoundSplitTests: XCTestCase {
    private func shares(_ split: RoundSplit, _ spec: BenchmarkSpec) -> [Int] {
        (1...split.count).map { split.spec(round: $0, of: spec).iterations }
    }

    func testIterationsAreSplitAndTheFirstRoundsTakeTheRemainder() {
        let thirty = BenchmarkSpec(name: "s", definition: .swift("s"), iterations: 30, rounds: 5)
        XCTAssertEqual(shares(RoundSplit(thirty, isolation: true), thirty), [6, 6, 6, 6, 6])
        let seven = BenchmarkSpec(name: "c", definition: .command(["c"]), iterations: 7, rounds: 3)
        XCTAssertEqual(shares(RoundSplit(seven, isolation: true), seven), [3, 2, 2])
        let few = BenchmarkSpec(name: "c", definition: .command(["c"]), iterations: 2, rounds: 5)
        XCTAssertEqual(RoundSplit(few, isolation: true).count, 2, "never more rounds than iterations")
    }

    func testWarmupIsPerWorkerButOnceForACommand() {
        let swift = BenchmarkSpec(name: "s", definition: .swift("s"), warmup: 3, iterations: 9, rounds: 3)
        let command = BenchmarkSpec(name: "c", definition: .command(["c"]), warmup: 3, iterations: 9, rounds: 3)
        let swiftSplit = RoundSplit(swift, isolation: true)
        let commandSplit = RoundSplit(command, isolation: true)
        XCTAssertEqual((1...3).map { swiftSplit.spec(round: $0, of: swift).warmup }, [3, 3, 3])
        XCTAssertEqual((1...3).map { commandSplit.spec(round: $0, of: command).warmup }, [3, 0, 0])
    }

    func testTimeBudgetsAreSplitAndTheBenchmarksOwnCapsCount() {
        let spec = BenchmarkSpec(name: "s", definition: .swift("s"), iterations: 30, rounds: 4, minTimeMs: 200, maxDurationMs: 1000)
        let split = RoundSplit(spec, isolation: true)
        XCTAssertEqual(split.spec(round: 2, of: spec).minTimeMs, 50)
        XCTAssertEqual(split.spec(round: 2, of: spec).maxDurationMs, 250)

        let own = BenchmarkSpec(name: "s", definition: .swift("s"), iterations: 30, rounds: 5)
        let capped = RoundSplit(own, isolation: true, ownMaxIterations: 10, ownMaxDurationNs: 2_000_000_000)
        XCTAssertEqual(shares(capped, own), [2, 2, 2, 2, 2], "the benchmark's maxIterations caps the total")
        XCTAssertEqual(capped.spec(round: 1, of: own).maxDurationMs, 400, "its own maxDuration is split too")
    }

    func testOneRoundForInstructionsAndInProcessAndOneRoundKeepsTheSpec() {
        let counted = BenchmarkSpec(name: "s", definition: .swift("s"), iterations: 30, rounds: 5, metric: .instructions)
        XCTAssertEqual(RoundSplit(counted, isolation: true).count, 1)
        let swift = BenchmarkSpec(name: "s", definition: .swift("s"), iterations: 30, rounds: 5, maxDurationMs: 100)
        let inProcess = RoundSplit(swift, isolation: false)
        XCTAssertEqual(inProcess.count, 1)
        XCTAssertEqual(inProcess.spec(round: 1, of: swift), swift)
        let command = BenchmarkSpec(name: "c", definition: .command(["c"]), iterations: 30, rounds: 5)
        XCTAssertEqual(RoundSplit(command, isolation: false).count, 5, "commands are processes whatever the isolation")
    }
}

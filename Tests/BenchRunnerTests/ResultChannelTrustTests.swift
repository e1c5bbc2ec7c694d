import BenchRunner
import FuzzSupport
import XCTest

/// What a harness writes on fd 3 is untrusted: values no Int64 of nanoseconds holds are counted
/// and dropped, never converted with a trapping initialiser.
final class ResultChannelTrustTests: XCTestCase {
    func testValuesThatAreNotWholeInt64NanosecondsAreDroppedAndCounted() {
        let lines = [
            #"{"sampleNs":1e19}"#,
            #"{"samplesNs":[-1, 1e300, 9223372036854775807, 42]}"#,
            #"{"sampleNs":9.2e18}"#,
            #"{"sampleNs":"12"}"#,
            #"{"samplesNs":[1e400]}"#,
            #"a log line"#,
        ]
        let reported = ResultChannel.harnessSamples(in: lines)
        XCTAssertEqual(reported.samples, [42, 9_200_000_000_000_000_000])
        XCTAssertEqual(reported.droppedValues, 4, "1e19, -1, 1e300 and 2^63 (what 9223372036854775807 rounds to)")
        XCTAssertEqual(reported.invalidObjects, 2, "a string and an overflowing literal")
        XCTAssertTrue(reported.hasProblems)
        XCTAssertFalse(ResultChannel.harnessSamples(in: [#"{"sampleNs":5}"#, "log"]).hasProblems)
    }

    /// Random bytes and mutated harness lines; finishing without a trap is the assertion.
    func testFuzzedLinesNeverTrap() {
        var mutator = FuzzMutator(seed: 0x6664_33)
        let seeds = [
            #"{"samplesNs":[100,200.5,3e3]}"#, #"{"sampleNs":5}{"sampleNs":6}"#,
            WorkerStream.samplesLine([1, 2]),
            WorkerStream.summaryLine(WorkerReport(samplesNs: [1, 2], benchmarkNs: 3, peakMemoryGrowthBytes: 4)),
        ].map { Array($0.utf8) }
        var total = 0
        for round in 0..<3000 {
            let bytes = round % 4 == 0 ? mutator.random(maxLength: 64) : mutator.mutate(seeds[round % seeds.count])
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            total += ResultChannel.harnessSamples(in: lines).samples.count
            _ = WorkerStream.read(lines)
        }
        XCTAssertGreaterThan(total, 0)
    }
}

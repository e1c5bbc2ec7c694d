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

    /// An object that names a key twice is ambiguous (JSONDecoder would keep the first): it is
    /// refused whole and counted with the other objects that do not decode, keys escaped or not.
    func testObjectsWithADuplicateKeyAreRefused() {
        let lines = [
            #"{"sampleNs":5,"sampleNs":900}"#,
            #"{"samplesNs":[1],"samplesNs":[2,3]}"#,
            #"{"sampleNs":6,"sample\u004es":7}"#,
            #"{"sampleNs":8,"note":{"a":1,"a":2}}"#,
            #"{"sampleNs":9}{"sampleNs":10}"#,
            #"{"note":{"sampleNs":1},"sampleNs":11}"#,
            #"{"a":1,"a":2}"#,
        ]
        let reported = ResultChannel.harnessSamples(in: lines)
        XCTAssertEqual(reported.samples, [9, 10, 11], "the same key in sibling objects or at other depths is no duplicate")
        XCTAssertEqual(reported.invalidObjects, 4)
        XCTAssertEqual(reported.droppedValues, 0)
    }

    func testWorkerLinesWithADuplicateKeyAreIgnored() {
        let report = WorkerReport(samplesNs: [1], benchmarkNs: 4_000, peakMemoryGrowthBytes: nil)
        let summary = String(WorkerStream.summaryLine(report).dropLast())
        XCTAssertEqual(WorkerStream.read([#"{"samplesNs":[1],"samplesNs":[2]}"#, #"{"samplesNs":[1]}"#, summary]).report, report)
        XCTAssertEqual(
            WorkerStream.read([#"{"samplesNs":[1]}"#, #"{"benchmarkNs":1,"benchmarkNs":2,"sampleCount":1}"#]),
            WorkerStream.Reading(samplesNs: [1], report: nil))
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

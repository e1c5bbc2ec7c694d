import BenchRunner
import XCTest

final class ResultChannelTests: XCTestCase {
    func testHarnessSamplesFromLinesAndGluedObjects() {
        let lines = [
            #"{"samplesNs":[100,200.4]}"#,
            #"{"sampleNs":5}{"sampleNs":6}"#,
            #"not json, a harness may log here"#,
            #"{"note":"a } and a { inside a string"}{"sampleNs":7}"#,
            #"{"sampleNs":-3}"#,
        ]
        XCTAssertEqual(ResultChannel.samples(in: lines), [100, 200, 5, 6, 7])
        XCTAssertEqual(ResultChannel.samples(in: []), [])
    }

    func testSplitterLeavesAnythingElseWhole() {
        XCTAssertEqual(JSONObjects.split(#"{"a":1}"#), [#"{"a":1}"#])
        XCTAssertEqual(JSONObjects.split(#"{"a":"\"}{"} {"b":2}"#), [#"{"a":"\"}{"}"#, #"{"b":2}"#])
        XCTAssertEqual(JSONObjects.split(#"[1,2]"#), [#"[1,2]"#])
        XCTAssertEqual(JSONObjects.split(#"{"a":1} trailing"#), [#"{"a":1} trailing"#])
        XCTAssertEqual(JSONObjects.split(#"{"unclosed":1"#), [#"{"unclosed":1"#])
        XCTAssertEqual(JSONObjects.split(#"{"é":"ü"}{"b":2}"#), [#"{"é":"ü"}"#, #"{"b":2}"#])
    }

    func testDuplicateKeysAreFoundWithinEachObject() {
        XCTAssertTrue(JSONObjects.hasDuplicateKey(#"{"a" : 1, "a" :2}"#))
        XCTAssertTrue(JSONObjects.hasDuplicateKey(#"{"a":1,"\u0061":2}"#), "escapes are decoded before comparing")
        XCTAssertTrue(JSONObjects.hasDuplicateKey(#"{"x":[{"b":1,"b":1}]}"#))
        XCTAssertFalse(JSONObjects.hasDuplicateKey(#"{"a":1,"b":{"a":2}}"#))
        XCTAssertFalse(JSONObjects.hasDuplicateKey(#"{"x":[{"b":1},{"b":1}]}"#))
        XCTAssertFalse(JSONObjects.hasDuplicateKey(#"{"k":"v","w":"k"}"#), "a value is no key")
        XCTAssertFalse(JSONObjects.hasDuplicateKey(#"{"a":"x\":y","a\"":1}"#), "quotes inside strings")
        XCTAssertFalse(JSONObjects.hasDuplicateKey(#"not json"#))
    }

    func testWorkerStreamKeepsSamplesWithoutASummaryAndChecksTheCount() {
        let report = WorkerReport(
            samplesNs: [1, 22, 333], benchmarkNs: 4_000, peakMemoryGrowthBytes: nil,
            peakMemoryGrowthWithWarmupBytes: 8192, stoppedByDuration: true)
        let chunks = [WorkerStream.samplesLine([1, 22]), WorkerStream.samplesLine([333])]
        let summary = WorkerStream.summaryLine(report)
        // Lines arrive with their newline stripped.
        let lines = (chunks + [summary]).map { String($0.dropLast()) }
        XCTAssertEqual(WorkerStream.read(["garbage"] + lines), WorkerStream.Reading(samplesNs: [1, 22, 333], report: report))
        // A worker that died after its first chunk: the samples stay, there is no report.
        XCTAssertEqual(WorkerStream.read([lines[0]]), WorkerStream.Reading(samplesNs: [1, 22], report: nil))
        // A chunk lost on the way: the summary's count does not match, so it is not trusted.
        XCTAssertNil(WorkerStream.read([lines[0], lines[2]]).report)
        // Glued together without newlines, as a child that never ends its lines would leave them.
        XCTAssertEqual(WorkerStream.read([lines.joined()]).report, report)
    }
}

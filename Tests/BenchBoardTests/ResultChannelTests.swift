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

    func testWorkerLineRoundTrips() {
        let report = WorkerReport(samplesNs: [1, 22, 333], benchmarkNs: 4_000, peakMemoryGrowthBytes: nil)
        let line = ResultChannel.encode(report)
        XCTAssertEqual(ResultChannel.workerReport(in: ["garbage", line]), report)
        let withGrowth = WorkerReport(samplesNs: [], benchmarkNs: 1, peakMemoryGrowthBytes: 4096)
        XCTAssertEqual(ResultChannel.workerReport(in: [ResultChannel.encode(withGrowth)]), withGrowth)
    }
}

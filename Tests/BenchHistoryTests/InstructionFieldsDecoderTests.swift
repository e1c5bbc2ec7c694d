@testable import BenchHistory
import BenchModel
import XCTest

/// Instruction-counted benchmarks add fields; the fast decoder must read them exactly as
/// JSONDecoder does, and files without them must still say `metric: time`.
final class InstructionFieldsDecoderTests: XCTestCase {
    func testInstructionFieldsRoundTripThroughBothDecoders() throws {
        var run = makeRun(id: "c0ffee00", startedAt: date("2026-11-29T10:00:00Z"), benchmarks: 2, samples: 5)
        run.benchmarks[0].metric = .instructions
        run.benchmarks[0].samplesInstructions = [101_630_000, 101_630_024, 101_629_990]
        run.benchmarks[0].instructionStats = CountStats([101_630_000, 101_630_024, 101_629_990])
        run.benchmarks[0].config?.metric = .instructions
        let data = try RunRecordCoding.encoder().encode(run)
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(data), "the fast path refused instruction fields")
        XCTAssertEqual(fast, try RunRecordCoding.decoder().decode(RunRecord.self, from: data))
        XCTAssertEqual(fast, run)
        XCTAssertEqual(fast.benchmarks[0].medianInstructions, 101_630_000)
        XCTAssertEqual(fast.benchmarks[1].metric, .time)
        XCTAssertNil(fast.benchmarks[1].samplesInstructions)
    }

    func testFilesWithoutAMetricAreTime() throws {
        let run = makeRun(id: "0ld0ld00", startedAt: date("2026-11-01T10:00:00Z"), benchmarks: 1, samples: 3)
        var json = try XCTUnwrap(String(data: try RunRecordCoding.encoder().encode(run), encoding: .utf8))
        json = json.replacingOccurrences(of: "\"metric\":\"time\",", with: "")
            .replacingOccurrences(of: "\"metric\" : \"time\",", with: "")
        XCTAssertFalse(json.contains("\"metric\""), "the test must remove the field")
        let data = Data(json.utf8)
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(data))
        XCTAssertEqual(fast.benchmarks[0].metric, .time)
        XCTAssertEqual(fast, try RunRecordCoding.decoder().decode(RunRecord.self, from: data))
    }
}

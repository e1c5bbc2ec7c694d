@testable import BenchHistory
import BenchModel
import Foundation
import FuzzSupport
import XCTest

/// Random bytes and mutated run files thrown at both history readers (the hand-written fast
/// decoder and the JSONDecoder fallback) and at the plausibility checks. A trap would kill the
/// test process, so finishing is the assertion; the inputs are seeded, so a failure repeats.
final class HistoryFuzzTests: XCTestCase {
    func testReadersSurviveRandomAndMutatedFiles() throws {
        var run = makeRun(id: "fuzz", startedAt: date("2026-05-01T00:00:00Z"), benchmarks: 2, samples: 4)
        run.benchmarks[0].samplesSource = .harness
        run.benchmarks[1].stderrTail = "boom\n"
        let seeds = [
            Array(try RunRecordCoding.encoder().encode(run)),
            Array(try JSONEncoder().encode(run)),
        ]
        var mutator = FuzzMutator(seed: 0x6869_7374_6f72_79)
        let decoder = RunRecordCoding.decoder()
        var decoded = 0
        for round in 0..<1500 {
            let bytes = round % 5 == 0
                ? mutator.random(maxLength: 256) : mutator.mutate(seeds[round % seeds.count])
            let data = Data(bytes)
            _ = RunRecordFastDecoder.decode(data)
            _ = try? decoder.decode(RunRecord.self, from: data)
            if case let .success(record) = RunFileDecoder.decode(data, decoder: decoder) {
                decoded += 1
                _ = RunPlausibility.problem(in: record, now: Date())
            }
        }
        XCTAssertGreaterThan(decoded, 0, "some mutations still decode, so the checks after decoding ran too")
    }
}

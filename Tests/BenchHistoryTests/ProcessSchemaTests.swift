@testable import BenchHistory
import BenchModel
import XCTest

/// Schema /2 keeps each process's samples and figures apart; /1 files read as one process each.
final class ProcessSchemaTests: XCTestCase {
    private func roundedRun() -> RunRecord {
        var run = makeRun(id: "p2", startedAt: date("2026-11-30T08:00:00Z"), benchmarks: 2, samples: 6)
        run.clockCostNs = 18.5
        run.ab = ABBase(label: "main", commit: "abc1234def", runID: "base1")
        run.benchmarks[0].processes = [
            ProcessRecord(
                round: 1, samples: 2, outcome: .ok, maxRSSBytes: 9_000_000, memoryGrowthBytes: 4096, cpuUserUs: 1200,
                cpuSystemUs: 300, wallMs: 3.5, iterations: 3, machineBusy: 0.52, steal: 0.01),
            ProcessRecord(round: 2, samples: 2, outcome: .ok, wallMs: 3.25),
            ProcessRecord(round: 3, samples: 2, outcome: .crashed, exitCode: -11, signal: "SIGSEGV", wallMs: 1, spawns: 4),
        ]
        run.benchmarks[0].batchSize = 64
        run.benchmarks[0].scalingFactor = 1000
        run.benchmarks[0].config?.rounds = 3
        run.benchmarks[0].config?.informational = true
        return run
    }

    func testProcessesRoundTripThroughBothDecoders() throws {
        let run = roundedRun()
        let data = try RunRecordCoding.encoder().encode(run)
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(data), "the fast path reads what benchboard writes")
        XCTAssertEqual(fast, run)
        XCTAssertEqual(try RunRecordCoding.decoder().decode(RunRecord.self, from: data), run)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(text.contains(#""signal" : null"#) && text.contains(#""spawns" : null"#), "absent figures are left out")
    }

    func testSamplesSplitByProcessInOrder() throws {
        let run = roundedRun()
        let groups = run.benchmarks[0].samplesByProcess.map(Array.init)
        XCTAssertEqual(groups.count, 3)
        XCTAssertEqual(groups.flatMap { $0 }, run.benchmarks[0].samplesNs)
        XCTAssertEqual(groups.map(\.count), [2, 2, 2])
        // A result without processes is one process holding every sample and its resources.
        let single = run.benchmarks[1]
        XCTAssertEqual(single.processRecords.count, 1)
        XCTAssertEqual(single.processRecords[0].samples, single.samplesNs.count)
        XCTAssertEqual(single.processRecords[0].wallMs, single.resources.totalMs)
        XCTAssertEqual(single.samplesByProcess.map(Array.init), [single.samplesNs])
    }

    /// A /1 file is read through the fast path and comes out as /2 with one process per benchmark.
    func testSchemaOneFileMigratesToOneProcess() throws {
        let folder = try temporaryFolder(self)
        var old = makeRun(id: "old1", startedAt: date("2026-05-01T00:00:00Z"), benchmarks: 2, samples: 5)
        old.schema = "benchboard.run/1"
        let data = try RunRecordCoding.encoder().encode(old)
        XCTAssertNotNil(RunRecordFastDecoder.decode(data), "old files keep the fast decoder")
        try data.write(to: folder.appendingPathComponent("old1.json"))
        let loaded = HistoryStore(directory: folder).load()
        XCTAssertEqual(loaded.warnings.map(\.reason), [])
        let run = try XCTUnwrap(loaded.runs.first?.record)
        XCTAssertEqual(run.schema, HistorySchema.current)
        XCTAssertEqual(run.benchmarks.map { $0.processRecords.count }, [1, 1])
        XCTAssertEqual(run.benchmarks[0].samplesByProcess.map(Array.init), [old.benchmarks[0].samplesNs])
    }

    func testProcessesThatDoNotAccountForEverySampleAreRefused() throws {
        let folder = try temporaryFolder(self)
        var run = roundedRun()
        run.benchmarks[0].processes?[1].samples = 3
        try RunRecordCoding.encoder().encode(run).write(to: folder.appendingPathComponent("bad.json"))
        var zeroRound = roundedRun()
        zeroRound.id = "p3"
        zeroRound.benchmarks[0].processes?[0].round = 0
        try RunRecordCoding.encoder().encode(zeroRound).write(to: folder.appendingPathComponent("zero.json"))
        let loaded = HistoryStore(directory: folder).load()
        XCTAssertEqual(loaded.runs.count, 0)
        let reasons = Dictionary(uniqueKeysWithValues: loaded.warnings.map { ($0.url.lastPathComponent, $0.reason) })
        XCTAssertEqual(
            reasons["bad.json"],
            "impossible values: benchmarks[0].processes account for 7 samples, but samplesNs holds 6")
        XCTAssertEqual(
            reasons["zero.json"], "impossible values: benchmarks[0].processes[0].round is 0; rounds count from 1")
    }
}

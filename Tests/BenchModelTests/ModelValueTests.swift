import BenchModel
import Foundation
import XCTest

final class ModelValueTests: XCTestCase {
    func testSchemaTagIsPrefixAndVersion() {
        XCTAssertEqual(HistorySchema.current, HistorySchema.prefix + String(HistorySchema.currentVersion))
        XCTAssertEqual(HistorySchema.current, "benchboard.run/2")
        XCTAssertEqual(Samples.fullRecord.schema, HistorySchema.current, "new records carry the current tag")
    }

    func testHistoryLimits() {
        XCTAssertEqual(HistoryLimits.defaultMaxFileBytes, 268_435_456)
        XCTAssertEqual(HistoryLimits.clockSkewSeconds, 3600)
    }

    func testRunSelectionCommandLine() {
        XCTAssertEqual(RunSelection(filter: "gzip", shard: "2/4", notSelected: []).commandLine, "--filter 'gzip' --shard 2/4")
        XCTAssertEqual(RunSelection(filter: "a|b", notSelected: ["c"]).commandLine, "--filter 'a|b'")
        XCTAssertEqual(RunSelection(shard: "1/3", notSelected: []).commandLine, "--shard 1/3")
        XCTAssertEqual(RunSelection(notSelected: []).commandLine, "")
    }

    func testAppliedLimitRoundTripsAndRefusesAnUnknownResource() throws {
        let limit = AppliedLimit(resource: .openFiles, value: 256, mechanism: "RLIMIT_NOFILE")
        let data = try RunRecordCoding.encoder().encode(limit)
        XCTAssertEqual(try RunRecordCoding.decoder().decode(AppliedLimit.self, from: data), limit)
        let object = try Samples.jsonObject(limit)
        XCTAssertEqual(object["resource"] as? String, "openFiles")
        let unknown = #"{"resource": "gpu", "value": 1, "mechanism": "none"}"#
        XCTAssertThrowsError(try RunRecordCoding.decoder().decode(AppliedLimit.self, from: Data(unknown.utf8)))
    }

    func testEveryLimitedResourceHasItsOwnKeyAndWords() {
        let keys = LimitedResource.allCases.map(\.configKey)
        XCTAssertEqual(keys, ["max_memory_mb", "max_processes", "max_cpu_s", "max_open_files", "max_output_mb"])
        XCTAssertEqual(Set(LimitedResource.allCases.map(\.words)).count, LimitedResource.allCases.count)
        XCTAssertEqual(LimitedResource.cpu.words, "CPU time")
    }

    func testCountStats() throws {
        XCTAssertNil(CountStats([]))
        let odd = try XCTUnwrap(CountStats([30, 10, 20]))
        XCTAssertEqual(odd.count, 3)
        XCTAssertEqual(odd.min, 10)
        XCTAssertEqual(odd.max, 30)
        XCTAssertEqual(odd.mean, 20)
        XCTAssertEqual(odd.median, 20)
        XCTAssertEqual(odd.stddev, 10, accuracy: 1e-12, "sample standard deviation (n − 1)")
        XCTAssertEqual(odd.relativeSpread, 1)
        let even = try XCTUnwrap(CountStats([4, 1, 3, 2]))
        XCTAssertEqual(even.median, 2.5)
        let single = try XCTUnwrap(CountStats([7]))
        XCTAssertEqual(single.stddev, 0)
        XCTAssertEqual(CountStats(count: 1, min: 0, max: 5, mean: 0, median: 0, stddev: 0).relativeSpread, 0)
    }

    func testMedianFromStatsOrFromSamples() {
        var result = Samples.sparseResult
        result.samplesNs = [9, 1, 5]
        XCTAssertEqual(result.medianNs, 5)
        result.samplesNs = [9, 1, 5, 3]
        XCTAssertEqual(result.medianNs, 4)
        result.samplesNs = []
        XCTAssertNil(result.medianNs)
        XCTAssertEqual(Samples.fullResult.medianNs, 186_000, "the recorded stats win over the samples")
        XCTAssertNil(Samples.sparseResult.medianInstructions)
        XCTAssertEqual(Samples.fullResult.medianInstructions, 14_040)
        result.samplesInstructions = [5, 1, 3]
        XCTAssertEqual(result.medianInstructions, 3)
    }

    func testFastAgainstTargetOnlyForTime() {
        var result = Samples.sparseResult
        XCTAssertNil(result.isFast, "no target")
        result.targetNs = 41
        XCTAssertEqual(result.isFast, true)
        result.targetNs = 40
        XCTAssertEqual(result.isFast, false)
        result.metric = .instructions
        XCTAssertNil(result.isFast, "the target is a time; valgrind's wall time is not the program's")
    }

    func testCPUTotalSaturates() {
        XCTAssertNil(Resources(totalMs: 1).cpuTotalUs)
        XCTAssertEqual(Resources(cpuUserUs: 5, totalMs: 1).cpuTotalUs, 5)
        XCTAssertEqual(Resources(cpuUserUs: 5, cpuSystemUs: 7, totalMs: 1).cpuTotalUs, 12)
        XCTAssertEqual(Resources(cpuUserUs: .max, cpuSystemUs: 1, totalMs: 1).cpuTotalUs, .max)
    }

    func testMemoryFigurePerKind() {
        let all = Resources(maxRSSBytes: 100, peakMemoryGrowthBytes: 20, totalMs: 1, peakMemoryGrowthWithWarmupBytes: 30)
        XCTAssertEqual(all.memoryFigureBytes(for: .swift), 30)
        XCTAssertEqual(all.memoryFigureBytes(for: .swift, withWarmup: false), 20)
        XCTAssertEqual(all.memoryFigureBytes(for: .command), 100)
        let old = Resources(maxRSSBytes: 100, peakMemoryGrowthBytes: 20, totalMs: 1)
        XCTAssertEqual(old.memoryFigureBytes(for: .swift), 20, "runs from before the warm-up figure")
        XCTAssertEqual(Resources(maxRSSBytes: 100, totalMs: 1).memoryFigureBytes(for: .swift), 100)
    }

    func testOutcomesAndModes() {
        XCTAssertEqual(Outcome.allOutcomes.filter(\.isSuccess), [.ok])
        XCTAssertEqual(ExecutionMode.inProcess.rawValue, "in-process")
        XCTAssertEqual(RunKind(rawValue: "imported"), .imported)
    }
}

extension Outcome {
    fileprivate static let allOutcomes: [Outcome] = [.ok, .failed, .crashed, .timeout, .error, .limit]
}

import BenchModel
import XCTest

@testable import BenchRunner

/// The one merge of a benchmark's processes, field by field (`ProcessMerge`'s documented rules).
final class ProcessMergeTests: XCTestCase {
    private func result(
        _ samples: [Int64], outcome: Outcome = .ok, mode: ExecutionMode = .isolated, resources: Resources,
        counts: [Int64]? = nil, batchSize: Int? = nil, processes: [ProcessRecord]? = nil
    ) -> BenchmarkResult {
        BenchmarkResult(
            name: "b", group: "g", kind: .swift, mode: mode, outcome: outcome, timeoutMs: 1_000, warmup: 2,
            samplesNs: samples, metric: counts == nil ? .time : .instructions, samplesInstructions: counts,
            resources: resources,
            config: BenchmarkSettings(
                command: nil, swift: "b", iterations: samples.count, minTimeMs: nil, graceMs: 100, killSignal: "SIGTERM",
                env: [:], inheritEnv: [], rounds: 1),
            samplesSource: samples.isEmpty ? nil : .harness, processes: processes, batchSize: batchSize)
    }

    private func parts(_ results: [BenchmarkResult], firstRound: Int = 1) -> [ProcessMerge.Part] {
        results.enumerated().map { ProcessMerge.Part(round: firstRound + $0.offset, result: $0.element) }
    }

    private func merge(_ parts: [ProcessMerge.Part], settings: BenchmarkSettings? = nil) -> BenchmarkResult? {
        ProcessMerge.merge(parts, settings: settings) { samples in
            SampleStats(
                count: samples.count, minNs: 0, maxNs: 0, meanNs: 0, medianNs: Double(samples.count), stddevNs: 0, madNs: 0,
                p90Ns: 0)
        }
    }

    func testPeaksAreTheLargestAndCostsTheSums() {
        let merged = ProcessMerge.resources([
            Resources(
                maxRSSBytes: 10, peakMemoryGrowthBytes: 4, cpuUserUs: 100, cpuSystemUs: 10, totalMs: 5, overheadMs: 1,
                voluntaryContextSwitches: 7, involuntaryContextSwitches: 1, minorFaults: 50, majorFaults: 0,
                cgroupPeakBytes: 12, peakMemoryGrowthWithWarmupBytes: 6),
            Resources(
                maxRSSBytes: 30, peakMemoryGrowthBytes: 3, cpuUserUs: 300, cpuSystemUs: nil, totalMs: 7, overheadMs: nil,
                voluntaryContextSwitches: 2, involuntaryContextSwitches: 4, minorFaults: 60, majorFaults: 2,
                cgroupPeakBytes: 8, peakMemoryGrowthWithWarmupBytes: 9),
            Resources(maxRSSBytes: 20, cpuUserUs: 200, cpuSystemUs: 30, totalMs: 6, overheadMs: 2),
        ])
        XCTAssertEqual(merged, Resources(
            maxRSSBytes: 30, peakMemoryGrowthBytes: 4, cpuUserUs: 600, cpuSystemUs: 40, totalMs: 18, overheadMs: 3,
            voluntaryContextSwitches: 9, involuntaryContextSwitches: 5, minorFaults: 110, majorFaults: 2,
            cgroupPeakBytes: 12, peakMemoryGrowthWithWarmupBytes: 9))
        XCTAssertNil(ProcessMerge.resources([Resources(totalMs: 1), Resources(totalMs: 2)]).overheadMs)
        XCTAssertEqual(
            ProcessMerge.resources([Resources(cpuUserUs: .max - 1, totalMs: 0), Resources(cpuUserUs: 5, totalMs: 0)]).cpuUserUs,
            .max, "a sum of figures read from files saturates")
    }

    func testSamplesFollowEachOtherInRoundOrderAndProcessesAccountForThem() throws {
        let merged = try XCTUnwrap(merge(parts([
            result([1, 2, 3], resources: Resources(totalMs: 1), batchSize: 40),
            result([4, 5], resources: Resources(totalMs: 1), batchSize: 50),
            result([6], resources: Resources(totalMs: 1)),
        ], firstRound: 4)))
        XCTAssertEqual(merged.samplesNs, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(merged.processes?.map(\.round), [4, 5, 6], "each process carries its part's round")
        XCTAssertEqual(merged.processes?.map(\.samples), [3, 2, 1])
        XCTAssertEqual(merged.samplesByProcess.map(Array.init), [[1, 2, 3], [4, 5], [6]])
        XCTAssertEqual(merged.stats?.count, 6, "stats are over every sample")
        XCTAssertEqual(merged.batchSize, 40, "the first round's batch size")
        XCTAssertEqual(merged.config?.rounds, 3, "without configured settings: the first round's, as many rounds as parts")
        XCTAssertEqual(merged.warmup, 2)
    }

    func testTheFirstFailureGivesTheOutcomeAndEveryReasonWithIt() throws {
        var timedOut = result([7], outcome: .timeout, resources: Resources(totalMs: 1))
        timedOut.killedBy = "SIGKILL"
        timedOut.error = "over 1000 ms"
        var crashed = result([], outcome: .crashed, resources: Resources(totalMs: 1))
        crashed.signal = "SIGSEGV"
        crashed.error = "crashed"
        crashed.stderrTail = "segfault"
        let merged = try XCTUnwrap(merge(parts([result([1, 2], resources: Resources(totalMs: 1)), timedOut, crashed])))
        XCTAssertEqual(merged.outcome, .timeout)
        XCTAssertEqual(merged.killedBy, "SIGKILL")
        XCTAssertEqual(merged.error, "over 1000 ms")
        XCTAssertNil(merged.signal, "no reason is taken from another failed round")
        XCTAssertNil(merged.stderrTail)
        XCTAssertEqual(merged.processes?.map(\.outcome), [.ok, .timeout, .crashed])
        XCTAssertEqual(merged.samplesNs, [1, 2, 7], "every sample measured is kept")
    }

    func testAProcessThatDidNotRunIsolatedSaysSo() throws {
        let isolated = result([1], resources: Resources(totalMs: 1))
        let fallback = result([2], mode: .fallback, resources: Resources(totalMs: 1))
        XCTAssertEqual(try XCTUnwrap(merge(parts([isolated, fallback, isolated]))).mode, .fallback)
        XCTAssertEqual(try XCTUnwrap(merge(parts([isolated, isolated]))).mode, .isolated)
    }

    func testInstructionCountsAreKeptWhenEveryRoundWithSamplesCountedThem() throws {
        let counted = try XCTUnwrap(merge(parts([
            result([1, 2], resources: Resources(totalMs: 1), counts: [100, 101]),
            result([], outcome: .crashed, resources: Resources(totalMs: 1)),
            result([3], resources: Resources(totalMs: 1), counts: [102]),
        ])))
        XCTAssertEqual(counted.samplesInstructions, [100, 101, 102])
        XCTAssertEqual(counted.instructionStats, CountStats([100, 101, 102]))
        XCTAssertEqual(counted.instructionsByProcess.map(Array.init), [[100, 101], [], [102]])
        let uncounted = try XCTUnwrap(merge(parts([
            result([1, 2], resources: Resources(totalMs: 1), counts: [100, 101]),
            result([3], resources: Resources(totalMs: 1)),
        ])))
        XCTAssertNil(uncounted.samplesInstructions, "counts that would not line up with the processes are left out")
        XCTAssertNil(uncounted.instructionStats)
    }

    /// The configured settings as the caller gives them; one part merged is that part, so a
    /// merge of merges (ab's passes, each a one-round run) is the merge of the processes.
    func testConfiguredSettingsAndAMergeOfMergesIsTheFlatMerge() throws {
        let rounds = [
            result([1, 2], resources: Resources(maxRSSBytes: 5, cpuUserUs: 10, totalMs: 2, overheadMs: 1)),
            result([3], resources: Resources(maxRSSBytes: 9, cpuUserUs: 30, totalMs: 4, overheadMs: 1)),
            result([4, 5], resources: Resources(maxRSSBytes: 7, cpuUserUs: 20, totalMs: 3, overheadMs: 2)),
        ].map { round in
            var round = round
            round.processes = round.processRecords
            return round
        }
        var settings = try XCTUnwrap(rounds[0].config)
        settings.iterations = 5
        settings.rounds = 3
        let flat = try XCTUnwrap(merge(parts(rounds), settings: settings))
        XCTAssertEqual(flat.config, settings)
        let single = try XCTUnwrap(merge(parts([rounds[1]]), settings: rounds[1].config))
        XCTAssertEqual(single.samplesNs, rounds[1].samplesNs)
        XCTAssertEqual(single.resources, rounds[1].resources)
        XCTAssertEqual(single.processes, rounds[1].processes)
        let passes = try rounds.map { try XCTUnwrap(merge(parts([$0]), settings: $0.config)) }
        let nested = try XCTUnwrap(merge(parts(passes), settings: settings))
        XCTAssertEqual(nested, flat)
    }
}

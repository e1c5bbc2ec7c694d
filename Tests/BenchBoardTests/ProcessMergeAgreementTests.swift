import BenchConfig
import BenchModel
import XCTest

@testable import BenchBoard
@testable import BenchRunner

/// `run` merges a benchmark's rounds, `ab` merges a side's one-process passes: the same processes
/// must make the same result either way, or an A/B head run stored in the history would not
/// compare with `run`'s runs beside it.
final class ProcessMergeAgreementTests: XCTestCase {
    private let suiteThreshold = 0.05

    /// What one worker process of "alpha" returned: `samples` samples, its resources.
    private func worker(
        _ spec: BenchmarkSpec, samples: [Int64], rss: UInt64, growth: UInt64, cpu: UInt64, outcome: Outcome = .ok
    ) -> BenchmarkResult {
        BenchmarkResult(
            name: spec.name, group: spec.group, kind: .swift, mode: .isolated, outcome: outcome,
            signal: outcome == .crashed ? "SIGSEGV" : nil, error: outcome == .crashed ? "crashed with SIGSEGV" : nil,
            timeoutMs: spec.timeoutMs, warmup: spec.warmup, samplesNs: samples,
            resources: Resources(
                maxRSSBytes: rss, peakMemoryGrowthBytes: growth / 2, cpuUserUs: cpu, cpuSystemUs: cpu / 10,
                totalMs: Double(cpu) / 100, overheadMs: 1, voluntaryContextSwitches: cpu / 50, involuntaryContextSwitches: 3,
                minorFaults: rss >> 12, majorFaults: 0, peakMemoryGrowthWithWarmupBytes: growth),
            config: spec.settings, samplesSource: .harness, batchSize: 100)
    }

    func testRunsRoundsAndABsPassesMergeTheSameProcessesAlike() throws {
        let spec = BenchmarkSpec(name: "alpha", definition: .swift("alpha"), warmup: 1, iterations: 9, rounds: 3)
        let split = RoundSplit(spec, isolation: true)
        // Three processes that disagree on every figure; the last one crashes after two samples.
        let processes = [
            worker(split.spec(round: 1, of: spec), samples: [100, 110, 105], rss: 10 << 20, growth: 4096, cpu: 1_000),
            worker(split.spec(round: 2, of: spec), samples: [130, 120, 125], rss: 30 << 20, growth: 12_288, cpu: 3_000),
            worker(split.spec(round: 3, of: spec), samples: [90, 95], rss: 20 << 20, growth: 8192, cpu: 2_000, outcome: .crashed),
        ]

        // `run`: the three are rounds of one benchmark.
        var rounds = RoundResults(spec: spec, split: split)
        for (index, process) in processes.enumerated() {
            rounds.add(process, round: index + 1, roundSpec: split.spec(round: index + 1, of: spec), load: nil)
        }
        let fromRun = try XCTUnwrap(mergedRounds(rounds))

        // `ab`: each is a whole-suite pass that measured the benchmark in one process, as a one-round
        // `run` records it, then the passes become one run.
        var onePass = spec
        onePass.rounds = 1
        let passes = processes.map { process -> RunRecord in
            var single = RoundResults(spec: onePass, split: RoundSplit(onePass, isolation: true))
            single.add(process, round: 1, roundSpec: onePass, load: nil)
            return record(mergedRounds(single).map { [$0] } ?? [])
        }
        let fromAB = try XCTUnwrap(
            PassAssembly.run(passes: passes, id: "ab", git: nil, buildConfiguration: "release", suiteThreshold: suiteThreshold)?
                .benchmark(named: "alpha"))

        XCTAssertEqual(fromAB.resources, fromRun.resources, "ab and run give one benchmark's resources alike")
        XCTAssertEqual(fromAB.outcome, fromRun.outcome)
        XCTAssertEqual(fromAB.signal, fromRun.signal)
        XCTAssertEqual(fromAB.samplesNs, fromRun.samplesNs)
        XCTAssertEqual(fromAB.processes, fromRun.processes)
        XCTAssertEqual(fromAB.batchSize, fromRun.batchSize)

        // The one rule: the largest peaks, the summed costs, the first failure.
        XCTAssertEqual(fromRun.resources.maxRSSBytes, 30 << 20)
        XCTAssertEqual(fromRun.resources.peakMemoryGrowthWithWarmupBytes, 12_288)
        XCTAssertEqual(fromRun.resources.cpuUserUs, 6_000)
        XCTAssertEqual(fromRun.resources.cpuSystemUs, 600)
        XCTAssertEqual(fromRun.resources.totalMs, 60, accuracy: 1e-9)
        XCTAssertEqual(fromRun.resources.overheadMs, 3)
        XCTAssertEqual(fromRun.outcome, .crashed)
        XCTAssertEqual(fromRun.samplesNs, [100, 110, 105, 130, 120, 125, 90, 95])
        XCTAssertEqual(fromRun.processes?.map(\.round), [1, 2, 3])
        XCTAssertEqual(fromRun.processes?.map(\.samples), [3, 3, 2])
    }

    /// The rounds' result as `run` makes it; the statistics of samples are beside the point here.
    private func mergedRounds(_ rounds: RoundResults) -> BenchmarkResult? {
        rounds.merged { _ in nil }
    }

    private func record(_ benchmarks: [BenchmarkResult]) -> RunRecord {
        let machine = MachineInfo(hostname: "h", os: "linux", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: 1, swiftVersion: nil)
        return RunRecord(
            id: "pass", startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1), isolation: true,
            buildConfiguration: "release", git: nil, machine: machine, benchmarks: benchmarks)
    }
}

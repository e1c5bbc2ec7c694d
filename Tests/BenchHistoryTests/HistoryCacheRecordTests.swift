import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

/// The cache's binary form of a run keeps every field: a run with all of them set comes back equal.
/// When the model gains a field, `testTheFixtureSetsEveryField` fails until the fixture sets it,
/// and then the round trip fails until `CacheRecordCoding` writes it.
final class HistoryCacheRecordTests: XCTestCase {
    static func fullRun() -> RunRecord {
        let process = ProcessRecord(
            round: 1, samples: 3, outcome: .failed, exitCode: -3, signal: "SIGSEGV", maxRSSBytes: .max,
            memoryGrowthBytes: 7, cpuUserUs: 11, cpuSystemUs: 13, wallMs: 1.5, iterations: 4, spawns: 2,
            machineBusy: 0.25, steal: -0.0)
        let result = BenchmarkResult(
            name: "naïve <&> 🚀", group: "g", kind: .command, mode: .fallback, outcome: .limit, exitCode: Int32.min,
            signal: "SIGKILL", error: "It broke.\nTwice", stderrTail: "", killedBy: "SIGTERM", targetNs: -5,
            timeoutMs: Int.max, warmup: -1, samplesNs: [Int64.max, Int64.min, 0, -1, 1_000_000],
            stats: SampleStats(
                count: 3, minNs: 1, maxNs: .infinity, meanNs: .nan, medianNs: 2, stddevNs: 3, madNs: 4, p90Ns: 5,
                p99Ns: 6, cv: 7, ciLowNs: 8, ciHighNs: 9, noisy: true),
            metric: .instructions, samplesInstructions: [10, 5, 12],
            instructionStats: CountStats(count: 3, min: 5, max: 12, mean: 9, median: 10, stddev: 1),
            resources: Resources(
                maxRSSBytes: 1, peakMemoryGrowthBytes: 2, cpuUserUs: 3, cpuSystemUs: 4, totalMs: 5, overheadMs: 6,
                voluntaryContextSwitches: 7, involuntaryContextSwitches: 8, minorFaults: 9, majorFaults: 10,
                cgroupPeakBytes: 11, peakMemoryGrowthWithWarmupBytes: 12),
            config: BenchmarkSettings(
                command: ["a", "b c"], swift: "s", iterations: 5, minTimeMs: 1.25, maxDurationMs: 2.5, graceMs: 100,
                killSignal: "SIGINT", env: ["A": "1", "B": "é"], inheritEnv: ["PATH"], regressionThreshold: 0.07,
                metric: .instructions, rounds: 3, informational: true),
            samplesSource: .wall,
            limits: [AppliedLimit(resource: .memory, value: 64, mechanism: "cgroup")], limitHit: .memory,
            processes: [process], batchSize: 16, scalingFactor: 1000)
        return RunRecord(
            schema: "benchboard.run/2", id: "id-1", startedAt: Date(timeIntervalSince1970: 1_767_225_600.123456789),
            startedAtUnixNs: 1_767_225_600_123_456_789, finishedAt: Date(timeIntervalSince1970: 1_767_225_700),
            interrupted: true, isolation: false, buildConfiguration: "debug", title: "T", configPath: "c.toml",
            git: GitInfo(commit: "abc", branch: "main", dirty: true, subject: "S"),
            machine: MachineInfo(
                hostname: "h", os: "o", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: .max, swiftVersion: "6.3"),
            benchmarks: [result, result], selection: RunSelection(filter: "f", shard: "1/2", notSelected: ["x"]),
            kind: .merged, source: RunSource(format: "hyperfine", files: ["a.json"], runIDs: ["r1"], context: ["k": "v"]),
            clockCostNs: 20.5, ab: ABBase(label: "base", commit: "def", runID: "r0"))
    }

    func testTheFixtureSetsEveryField() {
        var unset: [String] = []
        Self.collectNils(Mirror(reflecting: Self.fullRun()), path: "run", into: &unset)
        XCTAssertEqual(unset, [], "set these in fullRun(), then write them in CacheRecordCoding")
    }

    /// A source's runs as the cache stores them: a run file's (no name), or a pack's, each named.
    private static func sourceRuns(_ runs: [RunRecord], members: [String?]) -> [SourceRun] {
        zip(runs, members).map { SourceRun(member: $1, result: .success($0)) }
    }

    func testARunWithEveryFieldComesBackEqual() throws {
        let run = Self.fullRun()
        let payload = try XCTUnwrap(HistoryCache.payload(Self.sourceRuns([run, run], members: [nil, "20260101T000000Z-r1.json"])))
        let sources = try XCTUnwrap(HistoryCache.runs(in: Data(payload)))
        XCTAssertEqual(sources.map(\.member), [nil, "20260101T000000Z-r1.json"])
        let back = try sources.map { try $0.result.get() }
        XCTAssertEqual(back.count, 2)
        // NaN is never equal to itself: compare it apart, then the rest.
        XCTAssertTrue(back[0].benchmarks[0].stats?.meanNs.isNaN ?? false)
        XCTAssertEqual(Self.withoutNaN(back[0]), Self.withoutNaN(run))
        XCTAssertEqual(back[0].startedAt, run.startedAt)
        XCTAssertEqual(
            back[0].benchmarks[0].processes?[0].steal?.sign, .minus, "signed zero is kept")
        // The same runs give the same bytes.
        XCTAssertEqual(HistoryCache.payload(Self.sourceRuns(back, members: sources.map(\.member))), payload)
        // A source with a run that cannot be used is not cached at all.
        XCTAssertNil(HistoryCache.payload([SourceRun(member: "x.json", result: .failure(.invalid("bad")))] + Self.sourceRuns([run], members: [nil])))
    }

    func testADeferredRunHasItsDigestsAndDecodesItsResultsOnDemand() throws {
        let run = Self.fullRun()
        var second = run
        second.id = "r2"
        second.benchmarks.append(second.benchmarks[0])
        second.benchmarks[1].name = "another"
        second.benchmarks[1].outcome = .timeout
        let payload = try XCTUnwrap(HistoryCache.payload(Self.sourceRuns([run, second], members: ["a.json", "b.json"])))
        // A slice that does not start at 0, as the cache file's entries are.
        let sources = try XCTUnwrap(HistoryCache.runs(in: (Data([1, 2, 3]) + Data(payload)).dropFirst(3), deferring: true))
        XCTAssertEqual(sources.count, 2)
        for (source, original) in zip(sources, [run, second]) {
            let header = try source.result.get()
            XCTAssertEqual(header.benchmarks, [], "the results stay in the cache's bytes")
            XCTAssertEqual(header.id, original.id)
            let deferred = try XCTUnwrap(source.deferred)
            XCTAssertEqual(deferred.digests, original.benchmarks.map(ResultDigest.init))
            var stored = StoredRun(record: header, url: URL(fileURLWithPath: "/h/a.json"), member: nil, deferred: deferred)
            XCTAssertFalse(stored.isComplete)
            XCTAssertEqual(stored.digests, original.benchmarks.map(ResultDigest.init))
            XCTAssertTrue(stored.complete())
            XCTAssertTrue(stored.isComplete)
            XCTAssertEqual(Self.withoutNaN(stored.record), Self.withoutNaN(original))
        }
        XCTAssertEqual(sources[1].deferred?.digests[1].outcome, .timeout)
    }

    func testDigestsLongerThanTheFirstPieceReadAreReadWhole() throws {
        // 2000 results with long names: their digests are several times the first piece a
        // deferring read takes (`CacheWindow.initialPiece`), so the read grows until they fit.
        var run = Self.fullRun()
        let template = run.benchmarks[0]
        run.benchmarks = (0..<2000).map { index in
            var result = template
            result.name = "a benchmark with a long name, number \(index)"
            return result
        }
        let payload = try XCTUnwrap(HistoryCache.payload(Self.sourceRuns([run, run], members: ["a.json", "b.json"])))
        let sources = try XCTUnwrap(HistoryCache.runs(in: Data(payload), deferring: true))
        XCTAssertEqual(sources.count, 2)
        XCTAssertEqual(sources[1].deferred?.digests, run.benchmarks.map(ResultDigest.init))
        XCTAssertGreaterThan(2000 * 40, CacheWindow.initialPiece * 2)
    }

    func testResultsThatNoLongerDecodeLeaveTheRunIncomplete() throws {
        let run = Self.fullRun()
        var payload = try XCTUnwrap(HistoryCache.payload(Self.sourceRuns([run], members: [nil])))
        // The results are the payload's last bytes; their count is the first of them.
        var results = CacheWriter()
        results.array(run.benchmarks) { CacheRecordCoding.write($1, to: &$0) }
        payload[payload.count - results.bytes.count] = 0xFF
        let sources = try XCTUnwrap(HistoryCache.runs(in: Data(payload), deferring: true), "the digests still read")
        let source = try XCTUnwrap(sources.first)
        let deferred = try XCTUnwrap(source.deferred)
        var stored = StoredRun(record: try source.result.get(), url: URL(fileURLWithPath: "/h/a.json"), member: nil, deferred: deferred)
        XCTAssertFalse(stored.complete(), "a report then reads the history without the cache")
        XCTAssertFalse(stored.isComplete)
        XCTAssertEqual(stored.record.benchmarks, [])
        XCTAssertNil(HistoryCache.runs(in: Data(payload)), "nor does a full read take it")
    }

    func testEveryTruncationOfAPayloadIsRefused() throws {
        let payload = try XCTUnwrap(HistoryCache.payload(Self.sourceRuns([Self.fullRun()], members: ["a.json"])))
        for length in 0..<payload.count {
            XCTAssertNil(HistoryCache.runs(in: Data(payload.prefix(length))), "\(length) bytes")
            XCTAssertNil(HistoryCache.runs(in: Data(payload.prefix(length)), deferring: true), "\(length) bytes, deferring")
        }
    }

    private static func withoutNaN(_ run: RunRecord) -> RunRecord {
        var copy = run
        for index in copy.benchmarks.indices { copy.benchmarks[index].stats?.meanNs = 0 }
        return copy
    }

    private static func collectNils(_ mirror: Mirror, path: String, into unset: inout [String]) {
        for child in mirror.children {
            let name = "\(path).\(child.label ?? "?")"
            let inner = Mirror(reflecting: child.value)
            if inner.displayStyle == .optional {
                guard let wrapped = inner.children.first else {
                    unset.append(name)
                    continue
                }
                collectNils(Mirror(reflecting: wrapped.value), path: name, into: &unset)
            } else if inner.displayStyle == .collection, let first = inner.children.first {
                collectNils(Mirror(reflecting: first.value), path: name + "[0]", into: &unset)
            } else if inner.displayStyle == .struct {
                collectNils(inner, path: name, into: &unset)
            }
        }
    }
}

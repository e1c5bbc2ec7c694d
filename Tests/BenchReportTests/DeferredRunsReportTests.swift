import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest

/// A report whose runs are complete only where `ReportInput.runsShownInFull` says, the others
/// given by their digests alone (as `report` reads a cached history), writes the same bytes as
/// the report of every run complete: varied histories, a benchmark retired long ago (its table is
/// of old runs), one that counts instructions, failures, two machines, a name twice in a run, and
/// a table shorter than the history.
final class DeferredRunsReportTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testPagesFromDigestsAreThePagesFromWholeRuns() throws {
        try assertSameReport(Fixtures.history(), "small")
        try assertSameReport(Self.varied(), options: ReportOptions(runTableLimit: 12), "varied, short tables")
        try assertSameReport(Self.varied(), "varied")
        let generated = try GeneratedHistory.make(runs: 140, benchmarks: 6, in: folder.appendingPathComponent("history"))
        try assertSameReport(generated, options: ReportOptions(runTableLimit: 30), "generated")
    }

    func testOnlyTheLatestAndEachTablesRunsAreShownInFull() {
        let digest = { (name: String) in
            ResultDigest(name: name, outcome: .ok, metric: .time, isSlow: false, median: 1, trendMedian: 1, low: 1, high: 1)
        }
        // "Old" is in runs 0–4 only, "New" in every run of 10.
        let runs = (0..<10).map { run in (run < 5 ? [digest("Old")] : []) + [digest("New")] }
        let needed = ReportInput.runsShownInFull(runs, options: ReportOptions(runTableLimit: 3))
        XCTAssertEqual(needed.sorted(), [2, 3, 4, 7, 8, 9])
        XCTAssertEqual(ReportInput.runsShownInFull([], options: ReportOptions()), [])
        XCTAssertEqual(ReportInput.runsShownInFull(runs, options: ReportOptions(runTableLimit: 0)).sorted(), [4, 9])
    }

    /// Both renders, with the comparison of the complete runs given to each (as `report` does).
    private func assertSameReport(_ complete: ReportInput, options: ReportOptions = .init(), _ label: String) throws {
        var whole = complete
        if whole.comparison == nil, let current = whole.runs.last?.record {
            let earlier = whole.runs.dropLast().map(\.record)
            whole.comparison = Analyzer.compare(
                current: current, baseline: earlier.last, history: earlier, options: options.analysis)
        }
        let needed = ReportInput.runsShownInFull(whole.runs.map(\.digests), options: options)
        var deferred = whole
        deferred.runs = whole.runs.enumerated().map { index, run in
            needed.contains(index)
                ? run : ReportRun(header: run.record, digests: run.digests, jsonHref: run.jsonHref, fingerprint: run.fingerprint)
        }
        if whole.runs.count > options.runTableLimit + 1 {
            XCTAssertLessThan(deferred.runs.filter(\.isComplete).count, whole.runs.count / 2, "\(label): most runs are digests")
        }
        let full = folder.appendingPathComponent("full-\(label)")
        let digests = folder.appendingPathComponent("digests-\(label)")
        let written = try ReportRenderer(options: options).write(whole, to: full)
        let again = try ReportRenderer(options: options).write(deferred, to: digests)
        XCTAssertEqual(written.map(\.lastPathComponent).sorted(), again.map(\.lastPathComponent).sorted(), label)
        XCTAssertGreaterThan(written.count, 5, label)
        for file in written {
            let relative = String(file.standardizedFileURL.path.dropFirst(full.standardizedFileURL.path.count))
            let other = URL(fileURLWithPath: digests.path + relative)
            XCTAssertEqual(try Data(contentsOf: other), try Data(contentsOf: file), "\(label): \(relative) differs from digests")
        }
    }

    /// 60 runs on two machines: "Parse" steps up at run 30, "Retired" stops at run 14 and fails
    /// now and then, "Loop" counts instructions, "Twice" is in every run two times, and every
    /// ninth run "Parse" fails.
    private static func varied() -> ReportInput {
        let other = MachineInfo(
            hostname: "mac", os: "macOS 15", kernel: "24.0", cpuModel: "Other CPU", cores: 8, memoryBytes: 16 << 30,
            swiftVersion: "6.3.1")
        let runs = (0..<60).map { index -> ReportRun in
            var results = [
                index % 9 == 4 ? Fixtures.failed("Parse") : Fixtures.ok("Parse", medianNs: index < 30 ? 1_000_000 : 1_300_000),
                Fixtures.ok("Twice", medianNs: 20_000 + Double(index)), Fixtures.ok("Twice", medianNs: 30_000),
            ]
            if index < 15 {
                results.append(index % 4 == 1 ? Fixtures.timeout("Retired") : Fixtures.ok("Retired", medianNs: 5_000, targetNs: 4_000))
            }
            var loop = Fixtures.ok("Loop", medianNs: 700_000)
            loop.metric = .instructions
            loop.samplesInstructions = (0..<10).map { Int64(Double(1_000_000 + index * 1000) * (0.9999 + 0.00002 * Double($0))) }
            loop.instructionStats = index % 2 == 0 ? loop.samplesInstructions.flatMap { CountStats($0) } : nil
            results.append(loop)
            var record = Fixtures.run(index, results, subject: "Change <\(index)> & more")
            if index % 3 == 0 { record.machine = other }
            return ReportRun(record: record, jsonHref: "history/\(record.id).json", fingerprint: UInt64(index + 1))
        }
        return ReportInput(runs: runs)
    }
}

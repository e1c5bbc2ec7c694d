import BenchModel
import BenchReport
import Foundation
import XCTest

/// Renders a history folder and prints decode and render times. Skipped unless
/// BENCHREPORT_HISTORY names a folder (e.g. one made by Benchmarks/scripts/make_history.py);
/// BENCHREPORT_OUTPUT chooses where the report goes. Run it in release:
/// `BENCHREPORT_HISTORY=/tmp/h swift test -c release --filter RenderTimingTests`
final class RenderTimingTests: XCTestCase {
    func testRenderHistoryFolder() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let folder = environment["BENCHREPORT_HISTORY"] else {
            throw XCTSkip("Set BENCHREPORT_HISTORY to a history folder to time rendering.")
        }
        let output = URL(fileURLWithPath: environment["BENCHREPORT_OUTPUT"] ?? NSTemporaryDirectory() + "/benchreport-timing")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()

        let decodeStart = Date()
        let records = UnsafeRecords(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let url = URL(fileURLWithPath: folder).appendingPathComponent(files[index])
            if let data = try? Data(contentsOf: url), let record = try? RunRecordCoding.decoder().decode(RunRecord.self, from: data) {
                records.set(index, record)
            }
        }
        let decodeSeconds = Date().timeIntervalSince(decodeStart)
        let runs = zip(files, records.values).compactMap { file, record in
            record.map { ReportRun(record: $0, jsonHref: "history/\(file)") }
        }

        let cpuStart = Self.cpuSeconds()
        let renderStart = Date()
        let renderer = try ReportRenderer(options: ReportOptions(title: "benchboard"))
        let written = try renderer.write(ReportInput(runs: runs, warnings: []), to: output)
        let renderSeconds = Date().timeIntervalSince(renderStart)
        let renderCPU = Self.cpuSeconds() - cpuStart
        let indexSize = (try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("index.html").path)[.size] as? Int) ?? 0
        print(
            String(
                format: "runs %d, benchmarks %d: decode %.3f s, render %.3f s (CPU %.3f s), %d files, index.html %d bytes, output %@",
                runs.count, runs.last?.record.benchmarks.count ?? 0, decodeSeconds, renderSeconds, renderCPU, written.count, indexSize,
                output.path))
    }
}

extension RenderTimingTests {
    /// User + system CPU of this process: a fairer figure than wall time on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
}

private final class UnsafeRecords: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [RunRecord?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ record: RunRecord) {
        lock.lock()
        values[index] = record
        lock.unlock()
    }
}

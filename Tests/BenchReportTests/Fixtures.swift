import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builders of realistic run records and helpers to read what the renderer wrote.
enum Fixtures {
    static let machine = MachineInfo(
        hostname: "ci", os: "Debian 12", kernel: "6.18", cpuModel: "Test CPU", cores: 2, memoryBytes: 8 << 30,
        swiftVersion: "6.3.1")

    static func ok(_ name: String, group: String = "core", medianNs: Double, targetNs: Int64? = nil) -> BenchmarkResult {
        let samples = (0..<10).map { Int64(medianNs * (0.98 + 0.004 * Double($0))) }
        let stats = SampleStats(
            count: samples.count, minNs: Double(samples.first ?? 0), maxNs: Double(samples.last ?? 0), meanNs: medianNs,
            medianNs: medianNs, stddevNs: medianNs * 0.01, madNs: medianNs * 0.01, ciLowNs: medianNs * 0.99,
            ciHighNs: medianNs * 1.01)
        return BenchmarkResult(
            name: name, group: group, kind: .swift, mode: .isolated, outcome: .ok, exitCode: 0, targetNs: targetNs,
            timeoutMs: 2000, warmup: 2, samplesNs: samples, stats: stats,
            resources: Resources(
                maxRSSBytes: 3_000_000, peakMemoryGrowthBytes: 46_285, cpuUserUs: 2_000, cpuSystemUs: 340, totalMs: 12.45),
            // Measured in 5 processes of 2 samples, as a run with rounds is: verdicts weigh processes.
            processes: (1...5).map { ProcessRecord(round: $0, samples: 2, outcome: .ok, wallMs: 2.49) })
    }

    static func failed(_ name: String, group: String = "core", stderr: String = "boom\nFatal error: <bad> & \"worse\"")
        -> BenchmarkResult
    {
        BenchmarkResult(
            name: name, group: group, kind: .command, mode: .isolated, outcome: .failed, exitCode: 3,
            error: "The benchmark exited with status 3.", stderrTail: stderr, timeoutMs: 2000, warmup: 0, samplesNs: [],
            resources: Resources(maxRSSBytes: 1_000_000, cpuUserUs: 100, cpuSystemUs: 10, totalMs: 4))
    }

    static func timeout(_ name: String, group: String = "core") -> BenchmarkResult {
        BenchmarkResult(
            name: name, group: group, kind: .command, mode: .isolated, outcome: .timeout, killedBy: "SIGKILL",
            timeoutMs: 500, warmup: 0, samplesNs: [], resources: Resources(totalMs: 700))
    }

    static func run(_ index: Int, _ benchmarks: [BenchmarkResult], subject: String = "Change things") -> RunRecord {
        let start = Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * 3600)
        return RunRecord(
            id: String(format: "run%04d", index), startedAt: start, finishedAt: start.addingTimeInterval(42),
            isolation: true, buildConfiguration: "release",
            git: GitInfo(commit: String(format: "%07xabcdef", index), branch: "main", dirty: false, subject: subject),
            machine: machine, benchmarks: benchmarks)
    }

    /// A small history: three runs, the last with a failure, a timeout, a regression (2.8×, far
    /// beyond every spread, so two earlier runs are evidence enough) and a slow one.
    static func history() -> ReportInput {
        let first = run(0, [ok("Parse", medianNs: 1_000_000), ok("Encode", group: "io", medianNs: 200_000)])
        let second = run(1, [ok("Parse", medianNs: 1_010_000), ok("Encode", group: "io", medianNs: 205_000), ok("Sort", medianNs: 50_000)])
        let third = run(
            2,
            [
                ok("Parse", medianNs: 2_800_000), ok("Encode", group: "io", medianNs: 204_000, targetNs: 100_000),
                failed("Sort"), timeout("Spin", group: "io"),
            ])
        return ReportInput(runs: [first, second, third].map { ReportRun(record: $0, jsonHref: "history/\($0.id).json") })
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Fails the test with the parser's line and reason when `data` is not well-formed XML.
    static func assertWellFormed(_ data: Data, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: data)
        let ok = parser.parse()
        XCTAssertTrue(
            ok, "\(label) is not well-formed XML at line \(parser.lineNumber): \(String(describing: parser.parserError))",
            file: file, line: line)
    }

    static func document(_ url: URL) throws -> XMLDocument {
        let data = try Data(contentsOf: url)
        assertWellFormed(data, url.lastPathComponent)
        return try XMLDocument(data: data)
    }

    /// The string values of the nodes an XPath (written with local-name()) selects.
    static func texts(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }
}

import BenchModel
import Foundation
import XCTest

@testable import BenchImport

/// The importers on the files the real tools wrote (BenchBoardTests/Fixtures/import, made by
/// make_fixtures.sh there), read by path.
final class ImporterTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "BenchBoardTests/Fixtures/import")

    static let machine = MachineInfo(
        hostname: "here", os: "Debian GNU/Linux 13", kernel: "6.12", cpuModel: "Test CPU", cores: 2, memoryBytes: 1 << 30,
        swiftVersion: "6.3")

    static func file(_ name: String) throws -> ImportFile {
        let url = fixtures.appending(path: name)
        return ImportFile(path: name, data: try Data(contentsOf: url), modified: Date(timeIntervalSince1970: 1_764_000_000))
    }

    static func importRun(_ files: [ImportFile], format: ImportFormat? = nil, now: Date = Date()) throws(ImportFailure) -> RunRecord {
        try RunImport(format: format).makeRun(files, id: "test", machine: machine, now: now, git: { nil })
    }

    static func json(_ name: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appending(path: name))) as? [String: Any])
    }

    func testEveryFixtureIsRecognisedAsItsFormat() throws {
        let expected: [(String, ImportFormat, Int)] = [
            ("hyperfine.json", .hyperfine, 2), ("google-benchmark.json", .googleBenchmark, 2),
            ("pytest-benchmark.json", .pytestBenchmark, 2), ("pytest-benchmark-stats-only.json", .pytestBenchmark, 2),
            ("package-benchmark-jmh.json", .packageBenchmark, 2), ("package-benchmark.json", .packageBenchmark, 2),
        ]
        for (name, format, count) in expected {
            let run = try Self.importRun([Self.file(name)])
            XCTAssertEqual(run.source?.format, format.rawValue, name)
            XCTAssertEqual(run.kind, .imported, name)
            XCTAssertEqual(run.benchmarks.count, count, name)
            XCTAssertEqual(run.source?.files, [name])
        }
    }

    func testHyperfineTimesBecomeNanosecondSamplesAndCPUIsSummed() throws {
        let run = try Self.importRun([Self.file("hyperfine.json")])
        let results = try XCTUnwrap(Self.json("hyperfine.json")["results"] as? [[String: Any]])
        for (benchmark, result) in zip(run.benchmarks, results) {
            let times = try XCTUnwrap(result["times"] as? [Double])
            XCTAssertEqual(benchmark.name, result["command"] as? String)
            XCTAssertEqual(benchmark.samplesNs, times.map { Int64(($0 * 1e9).rounded()) })
            XCTAssertEqual(benchmark.mode, .isolated)
            let user = try XCTUnwrap(result["user"] as? Double)
            XCTAssertEqual(benchmark.resources.cpuUserUs, UInt64((user * 1e6 * Double(times.count)).rounded()))
        }
    }

    func testGoogleBenchmarkRepetitionsAreSamplesAndTheFileDateIsTheStart() throws {
        let run = try Self.importRun([Self.file("google-benchmark.json")])
        XCTAssertEqual(run.benchmarks.map(\.name), ["BM_StringCopy", "BM_VectorSum/64"])
        XCTAssertEqual(run.benchmarks.map(\.samplesNs.count), [5, 5])
        let context = try XCTUnwrap(Self.json("google-benchmark.json")["context"] as? [String: Any])
        let date = try XCTUnwrap(ISO8601DateFormatter().date(from: try XCTUnwrap(context["date"] as? String)))
        XCTAssertEqual(run.startedAt, date)
        XCTAssertEqual(run.machine.hostname, context["host_name"] as? String)
    }

    func testPytestStatisticsOnlyKeepTheFilesStatistics() throws {
        let run = try Self.importRun([Self.file("pytest-benchmark-stats-only.json")])
        for benchmark in run.benchmarks {
            XCTAssertEqual(benchmark.samplesNs, [])
            XCTAssertNotNil(benchmark.stats)
        }
    }

    // MARK: - The history's rules, applied before anything is written

    private func googleBenchmark(dated date: String) throws -> ImportFile {
        var document = try Self.json("google-benchmark.json")
        var context = try XCTUnwrap(document["context"] as? [String: Any])
        context["date"] = date
        document["context"] = context
        return ImportFile(path: "g.json", data: try JSONSerialization.data(withJSONObject: document), modified: nil)
    }

    private func problem(_ body: () throws(ImportFailure) -> RunRecord) -> ImportFailure? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    func testDatesOutsideWhatTheHistoryReadsAreRefusedNamingTheFile() throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24
        let future = try googleBenchmark(dated: "9999-12-31T00:00:00+00:00")
        let failure = try XCTUnwrap(problem { () throws(ImportFailure) in try Self.importRun([future], now: now) })
        XCTAssertEqual(failure.path, "g.json")
        guard case let .date(.future(date, _), label) = failure.problem else { return XCTFail("\(failure)") }
        XCTAssertEqual(label, "the run's start")
        XCTAssertEqual(ISO8601DateFormatter().string(from: date), "9999-12-31T00:00:00Z")
        XCTAssertTrue(failure.description.hasPrefix("g.json: dated in the future: the run's start is 9999-12-31T00:00:00Z"), failure.description)

        let ancient = try googleBenchmark(dated: "0001-01-01T00:00:00+00:00")
        let early = try XCTUnwrap(problem { () throws(ImportFailure) in try Self.importRun([ancient], now: now) })
        guard case .date(.beforeEarliest, _) = early.problem else { return XCTFail("\(early)") }
        XCTAssertTrue(early.description.contains("dated before 1970"), early.description)

        // Within the clock skew the reader allows, and at the epoch itself, the date is kept.
        let skewed = try googleBenchmark(dated: "2025-11-24T16:30:00+00:00")
        XCTAssertEqual(try Self.importRun([skewed], now: now).startedAt, Date(timeIntervalSince1970: 1_764_001_800))
        let epoch = try googleBenchmark(dated: "1970-01-01T00:00:00+00:00")
        XCTAssertEqual(try Self.importRun([epoch], now: now).startedAt, HistoryLimits.earliestDate)
        // One hour and a second ahead is too far: the same bound the reader uses.
        let ahead = try googleBenchmark(dated: "2025-11-24T17:00:01+00:00")
        XCTAssertNotNil(problem { () throws(ImportFailure) in try Self.importRun([ahead], now: now) })
    }

    func testAFileModifiedInTheFutureIsRefused() throws {
        var file = try Self.file("hyperfine.json")
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        file.modified = now.addingTimeInterval(2 * 3600)
        let failure = try XCTUnwrap(problem { () throws(ImportFailure) in try Self.importRun([file], now: now) })
        XCTAssertTrue(failure.description.contains("dated in the future: the file's modification time is"), failure.description)
    }

    func testAnInputLargerThanAnImportReadsIsRefusedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "import-cap-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: 0x20, count: 5000).write(to: url)
        XCTAssertEqual(ImportFile.maxBytes(runFileLimit: 1000), 4000)
        do {
            _ = try ImportFile.read(path: url.path, runFileLimit: 1000)
            XCTFail("read a file over the cap")
        } catch {
            XCTAssertEqual(error.problem, .tooLarge(bytes: 5000, limit: 4000, runFileLimit: 1000))
            XCTAssertTrue(error.description.contains("5000 bytes, over the 4000 bytes an import reads"), error.description)
        }
        let read = try ImportFile.read(path: url.path, runFileLimit: 1250)
        XCTAssertEqual(read.data.count, 5000)
        XCTAssertNotNil(read.modified)
        XCTAssertEqual(ImportFile.maxBytes(runFileLimit: Int64.max), Int64.max, "no overflow")
    }
}

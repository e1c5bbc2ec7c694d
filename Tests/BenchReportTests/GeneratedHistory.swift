import BenchModel
import BenchReport
import Foundation
import XCTest

/// A varied history from `Benchmarks/scripts/make_history.py` (noise, steps, failures, crashes,
/// timeouts, five processes per result), decoded as the history reader would, with a made-up
/// fingerprint per run (its file's bytes hashed), as the report cache gives them.
enum GeneratedHistory {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func make(runs: Int, benchmarks: Int, in folder: URL) throws -> ReportInput {
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = [
            "python3", repository.appendingPathComponent("Benchmarks/scripts/make_history.py").path, folder.path, "\(runs)",
            "\(benchmarks)", "11", "--samples", "10", "--schema", "2", "--start", "2026-01-01",
        ]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        XCTAssertEqual(generator.terminationStatus, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let decoder = RunRecordCoding.decoder()
        let runs = try names.map { name -> ReportRun in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return ReportRun(record: try decoder.decode(RunRecord.self, from: data), jsonHref: "history/" + name, fingerprint: fingerprint(data))
        }
        return ReportInput(runs: runs)
    }

    /// FNV-1a of the bytes: any stable hash does for a test.
    static func fingerprint(_ data: Data) -> UInt64 {
        data.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

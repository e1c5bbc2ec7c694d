// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Foundation
import XCTest

import BenchIsolation

/// Side-by-side figures for the launcher against hyperfine and the bare posix_spawn + wait4 floor.
/// Off by default (noisy, slow in debug builds); run with
/// `BENCHBOARD_PERF=1 swift test -c release --filter PerformanceTests`.
final class PerformanceTests: XCTestCase {
    private let runs = 1000

    func testTrueThousandTimesAgainstHyperfine() throws {
        guard ProcessInfo.processInfo.environment["BENCHBOARD_PERF"] == "1" else {
            throw XCTSkip("set BENCHBOARD_PERF=1 to measure")
        }
        var starts: [Double] = []
        var stops: [Double] = []
        for _ in 0..<21 {
            var launcher: Launcher?
            starts.append(try seconds { launcher = try Launcher(executablePath: TestBinaries.launcher) })
            stops.append(seconds { launcher?.shutdown() })
        }
        print(String(format: "launcher start (spawn + greeting): median %.3f ms; shutdown: median %.3f ms",
                     starts.sorted()[10] * 1000, stops.sorted()[10] * 1000))

        let launcher = try makeLauncher()
        let spec = ChildSpec(arguments: ["/bin/true"], environment: [:])
        _ = try launcher.run(spec, iterations: 50)
        for round in 1...5 {
            var result = BatchResult()
            let total = try seconds { result = try launcher.run(spec, iterations: runs) }
            XCTAssertTrue(result.allSucceeded)
            let walls = result.iterations.compactMap { $0.usage.map { Double($0.wallNs) / 1000 } }.sorted()
            let mean = walls.reduce(0, +) / Double(walls.count)
            let rss = result.iterations.compactMap(\.usage?.maxRSSBytes).max() ?? 0
            print(String(format: "round %d launcher: total %.3f s, mean %.1f us, median %.1f us, max RSS %.2f MiB",
                         round, total, mean, walls[walls.count / 2], Double(rss) / 1_048_576))
            if let hyperfine = try hyperfine() {
                print(String(format: "round %d hyperfine -N: total %.3f s, mean %.1f us, median %.1f us",
                             round, hyperfine.total, hyperfine.mean, hyperfine.median))
            }
            if let floor = try spawnFloor() { print("round \(round) spawn_floor: \(floor)") }
        }
    }

    private func hyperfine() throws -> (total: Double, mean: Double, median: Double)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/hyperfine") else { return nil }
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("hyperfine-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/hyperfine")
        process.arguments = ["-N", "--runs", String(runs), "--style", "none", "--export-json", json.path, "/bin/true"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let total = try seconds {
            try process.run()
            process.waitUntilExit()
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        let first = (decoded?["results"] as? [[String: Any]])?.first
        let mean = (first?["mean"] as? Double ?? 0) * 1e6
        let median = (first?["median"] as? Double ?? 0) * 1e6
        return (total, mean, median)
    }

    /// /work/shared/measure/spawn_floor.c, when it has been built at /tmp/spawn_floor.
    private func spawnFloor() throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/tmp/spawn_floor") else { return nil }
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/tmp/spawn_floor")
        process.arguments = [String(runs), "spawn", "/bin/true"]
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
#endif

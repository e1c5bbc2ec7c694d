import BenchModel
import BenchStats
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `benchboard pack` through the real executable: what it prints and refuses, that `compare`,
/// `runs` and `merge` read packed runs as they read run files, and that two packs at once leave
/// every run exactly once.
final class PackCommandTests: XCTestCase {
    private func result(_ name: String, level: Double, _ g: inout SeededGenerator) -> BenchmarkResult {
        let processes = (0..<5).map { _ in (0..<20).map { _ in level * Swift.max(0.1, 1 + 0.05 * g.nextNormal()) } }
        return BenchmarkResult(
            name: name, group: "core", kind: .command, mode: .isolated, outcome: .ok, exitCode: 0,
            timeoutMs: 10_000, warmup: 0, samplesNs: processes.flatMap { $0 }.map { Int64($0.rounded()) },
            resources: Resources(totalMs: 50),
            config: BenchmarkSettings(
                command: ["true"], swift: nil, iterations: 20, minTimeMs: nil, graceMs: 500, killSignal: "SIGTERM",
                env: [:], inheritEnv: []),
            processes: processes.indices.map { ProcessRecord(round: $0 + 1, samples: 20, outcome: .ok, wallMs: 10) })
    }

    /// Runs a day apart from 1 January 2026 (`count` of them), each with a slower and a steady
    /// benchmark; the last is two months later, so the others' months are over.
    private func writeHistory(_ cli: CLIHarness, count: Int, folder: String = "h") throws -> [String] {
        let url = cli.directory.appending(path: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var g = SeededGenerator(seed: 17)
        let encoder = RunRecordCoding.encoder()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime]
        var ids: [String] = []
        for index in 0..<count {
            let last = index == count - 1
            let start = Date(timeIntervalSince1970: 1_767_225_600 + Double(last ? index + 60 : index) * 86_400)
            let id = String(format: "run%05d", index)
            let run = RunRecord(
                id: id, startedAt: start, finishedAt: start.addingTimeInterval(30), isolation: true, buildConfiguration: "release",
                git: GitInfo(commit: String(repeating: "a", count: 40), branch: "main", dirty: false),
                machine: MachineInfo(hostname: "h", os: "os", kernel: "k", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, swiftVersion: "6.3"),
                benchmarks: [result("slower", level: last ? 2e6 : 1e6, &g), result("steady", level: 5e5, &g)])
            let stamp = formatter.string(from: start).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            try encoder.encode(run).write(to: url.appending(path: "\(stamp)Z-\(id).json"))
            ids.append(id)
        }
        return ids
    }

    private func contents(_ cli: CLIHarness, _ folder: String = "h") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.directory.appending(path: folder).path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The run ids a pack's index names, read with gzip and JSONSerialization: the file format itself.
    private func packedIDs(_ url: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$1\" | head -n 1", "sh", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let index = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(index["schema"] as? String, "benchboard.pack/1")
        let runs = try XCTUnwrap(index["runs"] as? [[String: Any]])
        return runs.compactMap { $0["id"] as? String }
    }

    func testHelpAndWrongArguments() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let help = try cli.run(["pack", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        for option in ["--keep", "--dry-run", "--history"] { XCTAssertTrue(help.stdout.contains(option), help.stdout) }
        let negative = try cli.run(["pack", "--keep=-1", "--history", "h"])
        XCTAssertEqual(negative.status, 2, negative.stdout + negative.stderr)
        XCTAssertTrue(negative.stderr.contains("--keep must be 0 or more"), negative.stderr)
        let unknown = try cli.run(["pack", "--keep-last", "3"])
        XCTAssertEqual(unknown.status, 2, unknown.stdout + unknown.stderr)
        let empty = try cli.run(["pack", "--history", "nothing-here"])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("Nothing to pack"), empty.stdout)
    }

    func testComparingWithAPackedBaselineGivesTheSameVerdictsAndRunsListsPackedRuns() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let ids = try writeHistory(cli, count: 12)
        let head = try XCTUnwrap(ids.last)
        let asked = [["compare", ids[3], head], ["compare", "previous", head], ["compare", "branch:main", head]]
        let loose = try asked.map { try cli.run($0 + ["--history", "h", "--format", "json"]) }
        for answer in loose { XCTAssertEqual(answer.status, 0, answer.stderr) }
        XCTAssertTrue(loose[0].stdout.contains("\"regression\""), loose[0].stdout)

        let dry = try cli.run(["pack", "--history", "h", "--keep", "1", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("would pack 11 runs of 2026-01 into h/pack-2026-01-1.jsonl.gz"), dry.stdout)
        XCTAssertEqual(try contents(cli).count, 12, "a dry run changes nothing")
        let packed = try cli.run(["pack", "--history", "h", "--keep", "1"])
        XCTAssertEqual(packed.status, 0, packed.stderr)
        XCTAssertTrue(packed.stdout.contains("packed 11 runs of 2026-01 into h/pack-2026-01-1.jsonl.gz"), packed.stdout)
        XCTAssertTrue(packed.stdout.contains("Wrote 1 pack holding 11 runs; 1 run file stay"), packed.stdout)
        XCTAssertEqual(try contents(cli).count, 2)

        for (question, before) in zip(asked, loose) {
            let after = try cli.run(question + ["--history", "h", "--format", "json"])
            XCTAssertEqual(after.status, before.status, after.stderr)
            XCTAssertEqual(after.stdout, before.stdout, "\(question): the same verdicts against the packed baseline")
        }
        let runs = try cli.run(["runs", "--history", "h"])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        for id in ids { XCTAssertTrue(runs.stdout.contains(id), runs.stdout) }
        XCTAssertTrue(runs.stdout.contains("h/pack-2026-01-1.jsonl.gz#20260102T000000Z-run00001.json"), runs.stdout)

        let merged = try cli.run(["merge", ids[1], ids[2], "--prefer", "newest", "--history", "h"])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertTrue(merged.stdout.contains("Merged 2 runs"), merged.stdout)

        // prune deletes the whole pack once every run in it goes.
        let prune = try cli.run(["prune", "--before", "2026-02-01", "--history", "h"])
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stdout.contains("deleted h/pack-2026-01-1.jsonl.gz"), prune.stdout)
    }

    /// A report of a history inside the output folder whose older runs are packed: the quarter's
    /// archive lists each packed run with a link to the pack that holds it, and the link resolves.
    func testTheArchiveLinksPackedRunsToTheirPack() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let ids = try writeHistory(cli, count: 120, folder: "out/history")
        let packed = try cli.run(["pack", "--history", "out/history", "--keep", "1"])
        XCTAssertEqual(packed.status, 0, packed.stderr)
        let report = try cli.run(["report", "--history", "out/history", "--output", "out"])
        XCTAssertEqual(report.status, 0, report.stderr)

        let archive = try XMLDocument(contentsOf: cli.directory.appending(path: "out/runs/2026-Q1.html"))
        let rows = "//*[local-name()='tbody']/*[local-name()='tr']"
        XCTAssertEqual(try archive.nodes(forXPath: "\(rows)/@id").compactMap(\.stringValue).last, "run-" + ids[0])
        let links = try archive.nodes(forXPath: "\(rows)/*[local-name()='td'][last()]/*[local-name()='a']/@href").compactMap(\.stringValue)
        XCTAssertEqual(links.count, 90, "every run of the quarter (January to March) links to its JSON")
        XCTAssertEqual(Set(links), ["../history/pack-2026-01-1.jsonl.gz", "../history/pack-2026-02-1.jsonl.gz", "../history/pack-2026-03-1.jsonl.gz"])
        for link in Set(links) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: cli.directory.appending(path: "out/runs/" + link).standardized.path), link)
        }
        let data = try String(contentsOf: cli.directory.appending(path: "out/runs/2026-Q1.csv"), encoding: .utf8)
        XCTAssertEqual(data.split(separator: "\n").count, 91, "a header and the quarter's 90 runs")
        XCTAssertTrue(data.hasPrefix("benchboard run,started (UTC),commit,branch,slower (ns),steady (ns)\n"), data)
    }

    func testTwoPacksAtOnceLeaveEveryRunExactlyOnce() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let ids = try writeHistory(cli, count: 60)
        let first = try cli.start(["pack", "--history", "h", "--keep", "0"])
        let second = try cli.start(["pack", "--history", "h", "--keep", "0"])
        for (process, _, err) in [first, second] {
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
        let folder = cli.directory.appending(path: "h")
        var seen: [String] = []
        for name in try contents(cli) {
            if name.hasPrefix("pack-") {
                seen += try packedIDs(folder.appending(path: name))
            } else if name.hasSuffix(".json") {
                seen.append(String(name.dropLast(".json".count).split(separator: "-").last ?? ""))
            }
        }
        XCTAssertEqual(seen.sorted(), ids.sorted(), "every run once, in a pack or in its file")
        XCTAssertEqual(try contents(cli).filter { $0.hasPrefix("pack-") }, ["pack-2026-01-1.jsonl.gz", "pack-2026-02-1.jsonl.gz"])
    }
}

import Foundation
import XCTest

/// `report` through its cache writes exactly the bytes it writes without one: on a history of
/// several hundred runs, cold, warm after a new run, after the thresholds and templates change,
/// and once the history is packed.
final class ReportCacheTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file under `folder` (the history aside), by relative path.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            guard !relative.hasPrefix("history"), try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
            else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    private func assertSameFiles(_ cached: [String: Data], _ plain: [String: Data], _ label: String) {
        XCTAssertEqual(cached.keys.sorted(), plain.keys.sorted(), label)
        XCTAssertGreaterThan(plain.count, 5, label)
        for (name, data) in plain where cached[name] != data {
            XCTFail("\(label): \(name) differs with the cache")
        }
    }

    private func report(_ cli: CLIHarness, _ extra: [String]) throws -> [String: Data] {
        let result = try cli.run(["report"] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("cache"), result.stderr)
        return try snapshot(cli.directory.appending(path: "output"))
    }

    func testReportsWithAndWithoutTheCacheAreByteIdentical() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let history = cli.directory.appending(path: "output/history")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = [
            "python3", Self.repository.appending(path: "Benchmarks/scripts/make_history.py").path, history.path, "301", "6", "7",
            "--samples", "5",
        ]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        XCTAssertEqual(generator.terminationStatus, 0)
        // The newest run arrives after the first reports.
        let names = cli.historyFileNames()
        XCTAssertEqual(names.count, 301)
        let newest = try XCTUnwrap(names.last)
        let parked = cli.directory.appending(path: newest)
        try FileManager.default.moveItem(at: history.appending(path: newest), to: parked)

        let cache = cli.directory.appending(path: ".benchboard-cache/runs.bin")
        let plain = try report(cli, ["--no-cache"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path), "--no-cache writes no cache")
        assertSameFiles(try report(cli, []), plain, "cold")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.path), "the cache sits beside the report folder")
        XCTAssertFalse(try snapshot(cli.directory.appending(path: "output")).keys.contains { $0.contains("cache") })

        try FileManager.default.moveItem(at: parked, to: history.appending(path: newest))
        let warm = try report(cli, [])
        assertSameFiles(warm, try report(cli, ["--no-cache"]), "warm, one new run")

        // Thresholds and a template override change the pages; the cache does not keep them stale.
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "templates"), withIntermediateDirectories: true)
        let builtIn = Self.repository.appending(path: "Templates/summary.mustache")
        let summary = try String(contentsOf: builtIn, encoding: .utf8)
        try cli.write("templates/summary.mustache", "Overridden summary.\n" + summary)
        try cli.write(
            "config.toml",
            "[report]\nregression_threshold = \"1%\"\ntemplates = \"templates\"\n\n[[benchmark]]\nname = \"true\"\ncommand = [\"true\"]\n")
        let changed = try report(cli, ["--config", "config.toml"])
        XCTAssertNotEqual(changed["summary.md"], warm["summary.md"])
        assertSameFiles(changed, try report(cli, ["--config", "config.toml", "--no-cache"]), "new threshold and template")

        // A removed run, and a cache that was damaged: still the same bytes.
        try FileManager.default.removeItem(at: history.appending(path: names[0]))
        var bytes = try Data(contentsOf: cache)
        bytes.removeLast(bytes.count / 2)
        try bytes.write(to: cache)
        let damaged = try cli.run(["report"])
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertEqual(damaged.stderr.components(separatedBy: "report cache").count - 1, 1, damaged.stderr)
        assertSameFiles(try snapshot(cli.directory.appending(path: "output")), try report(cli, ["--no-cache"]), "pruned, damaged cache")
        assertSameFiles(try report(cli, []), try report(cli, ["--no-cache"]), "rebuilt")

        // Packs are cache entries like run files, and the archive pages of their runs are cached
        // too: packed, then one more run, still the bytes of a report without the cache.
        let newestNow = try XCTUnwrap(cli.historyFileNames().last)
        try FileManager.default.moveItem(at: history.appending(path: newestNow), to: parked)
        let packed = try cli.run(["pack", "--history", history.path, "--keep", "40"])
        XCTAssertEqual(packed.status, 0, packed.stderr)
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: history.path).contains { $0.hasPrefix("pack-") })
        assertSameFiles(try report(cli, []), try report(cli, ["--no-cache"]), "packed")
        try FileManager.default.moveItem(at: parked, to: history.appending(path: newestNow))
        let packedWarm = try report(cli, [])
        assertSameFiles(packedWarm, try report(cli, ["--no-cache"]), "packed, one new run")
        assertSameFiles(try report(cli, []), packedWarm, "packed, nothing new")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.deletingLastPathComponent().appending(path: "pages.json").path))
    }
}

import Foundation
import XCTest

/// A full disk, made with a small tmpfs in a private mount namespace (`unshare -rm`, where the
/// machine allows it): the messages read as sentences, whatever punctuation the system's own
/// reason ends with.
final class FullDiskTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-rm", "true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { throw XCTSkip("unshare is not available") }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { throw XCTSkip("unshare -rm is not allowed here") }
        try cli.write("config.toml", "[[benchmark]]\nname = \"t\"\ncommand = [\"true\"]\niterations = 2\nwarmup = 0\n")
    }

    override func tearDown() {
        cli.cleanUp()
    }

    func testReportAndRunOnAFullDiskSayWhatToDoInOneSentence() throws {
        XCTAssertEqual(try cli.run(["run", "--no-report"]).status, 0)
        let report = try onFullDisk(["report", "--output", "full/out"])
        XCTAssertEqual(report.status, 2, report.stderr)
        XCTAssertTrue(report.stderr.contains("full/out"), report.stderr)
        Self.assertReadsWell(report.stderr)

        try cli.write("config.toml", "[report]\nhistory = \"full/history\"\n[[benchmark]]\nname = \"t\"\ncommand = [\"true\"]\niterations = 2\nwarmup = 0\n")
        let run = try onFullDisk(["run", "--no-report"])
        XCTAssertNotEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("full/history"), run.stderr)
        Self.assertReadsWell(run.stderr)
    }

    private static func assertReadsWell(_ message: String, file: StaticString = #filePath, line: UInt = #line) {
        for bad in ["..", ".;", ". ;", ".:", "; ."] {
            XCTAssertFalse(message.contains(bad), "'\(bad)' in: \(message)", file: file, line: line)
        }
    }

    /// benchboard with `full/` a 64 KiB tmpfs, its folders made and every block then taken.
    private func onFullDisk(_ arguments: [String]) throws -> CLIHarness.Result {
        let script = """
            mkdir -p full && mount -t tmpfs -o size=64k tmpfs full && mkdir -p full/out full/history \
            && { dd if=/dev/zero of=full/fill bs=4k 2>/dev/null; true; } && exec "$@"
            """
        let harness = cli.directory.appending(path: "on-full-disk.sh")
        try script.write(to: harness, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-rm", "/bin/sh", harness.path, CLIHarness.benchboard] + arguments
        process.currentDirectoryURL = cli.directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = cli.directory.appending(path: ".stdout"), err = cli.directory.appending(path: ".stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return CLIHarness.Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

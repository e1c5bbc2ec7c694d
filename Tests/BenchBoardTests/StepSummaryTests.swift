import Foundation
import XCTest

/// GITHUB_STEP_SUMMARY names a file benchboard does not own: whatever it points at, appending
/// to it never blocks the command.
final class StepSummaryTests: XCTestCase {
    private var cli: CLIHarness!

    override func setUpWithError() throws {
        cli = try CLIHarness()
        try cli.write("config.toml", "[[benchmark]]\nname = \"t\"\ncommand = [\"true\"]\niterations = 2\nwarmup = 0\n")
    }

    override func tearDown() {
        cli.cleanUp()
    }

    /// A FIFO nobody reads: `run` and `report` finish, store the run, and say the summary was skipped.
    func testFIFOWithoutAReaderIsSkippedWithAWarning() throws {
        let fifo = cli.directory.appending(path: "step-summary")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        for command in [["run"], ["report"]] {
            let result = try runWithDeadline(command, environment: ["GITHUB_STEP_SUMMARY": fifo.path])
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("warning:"), "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(fifo.path), "\(command): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("Reports:"), "\(command): \(result.stdout)")
        }
        XCTAssertEqual(cli.historyFileNames().count, 1)
    }

    /// A regular file is still appended to, after what earlier steps wrote.
    func testARegularFileIsAppendedTo() throws {
        let file = cli.directory.appending(path: "step-summary.md")
        try cli.write("step-summary.md", "earlier step\n")
        let result = try runWithDeadline(["run"], environment: ["GITHUB_STEP_SUMMARY": file.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("GITHUB_STEP_SUMMARY"), result.stderr)
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("earlier step\n<!-- benchboard-summary -->\n"), text)
    }

    /// Runs benchboard, killing it if it is still running after a deadline no healthy run of one
    /// tiny benchmark comes near on a loaded machine.
    private func runWithDeadline(_ arguments: [String], environment: [String: String]) throws -> CLIHarness.Result {
        let (process, out, err) = try cli.start(arguments, environment: environment)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let result = CLIHarness.Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        if hung { XCTFail("\(arguments) still running after 120 s: \(result.stderr)") }
        return result
    }
}

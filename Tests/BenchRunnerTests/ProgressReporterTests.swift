import BenchConfig
import BenchModel
import BenchTerminal
import Foundation
import XCTest

@testable import BenchRunner

/// What a person sees while a run runs, read back from real pipes.
final class ProgressReporterTests: XCTestCase {
    /// A pipe for each of the reporter's two outputs; `text` closes the write ends and reads all.
    private final class Capture {
        let progress = Pipe()
        let results = Pipe()

        func reporter(interactive: Bool, quiet: Bool = false) -> ProgressReporter {
            ProgressReporter(
                terminal: Terminal(isInteractive: interactive, useColor: false), style: .plain,
                output: TerminalOutput(descriptor: progress.fileHandleForWriting.fileDescriptor),
                results: TerminalOutput(descriptor: results.fileHandleForWriting.fileDescriptor), quiet: quiet)
        }

        func text() throws -> (progress: String, results: String) {
            try progress.fileHandleForWriting.close()
            try results.fileHandleForWriting.close()
            return (
                String(decoding: progress.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: results.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }

    private func spec(_ name: String) -> BenchmarkSpec {
        BenchmarkSpec(name: name, definition: .command(["true"]))
    }

    private func result(_ name: String) -> BenchmarkResult {
        BenchmarkResult(
            name: name, group: "g", kind: .command, mode: .isolated, outcome: .ok, targetNs: nil, timeoutMs: 1,
            warmup: 0, samplesNs: [1], metric: .time, resources: Resources(totalMs: 1), config: nil)
    }

    func testPlainLinesOffATerminalWithNamesEscaped() throws {
        let capture = Capture()
        let reporter = capture.reporter(interactive: false)
        reporter.start(total: 2)
        reporter.begin(spec("first"), position: 1)
        reporter.phase(spec("first"), "measuring 3 iterations")
        reporter.finished(result("first"))
        reporter.begin(spec("evil\u{1B}[2Jname"), position: 2)
        let (progress, results) = try capture.text()
        XCTAssertEqual(progress, "[1/2] first\n[2/2] evil\\u{1B}[2Jname\n", "no live line and no raw escape off a terminal")
        XCTAssertEqual(results, "first: ok\n")
    }

    func testTheLiveLineIsRedrawnAndClearedOnATerminal() throws {
        let capture = Capture()
        let reporter = capture.reporter(interactive: true)
        reporter.start(total: 3)
        reporter.begin(spec("b"), position: 2)
        reporter.phase(spec("b"), "warm-up ×2")
        reporter.phase(spec("b"), "measuring 5 iterations")
        reporter.finished(result("b"))
        reporter.clearLiveLine()
        let (progress, results) = try capture.text()
        let clear = "\r\u{1B}[2K"
        XCTAssertEqual(progress, clear + "[2/3] b: warm-up ×2" + clear + "[2/3] b: measuring 5 iterations" + clear)
        XCTAssertEqual(results, "b: ok\n")
    }

    func testARunWideWarningIsExplainedOnceThenShort() throws {
        let capture = Capture()
        let reporter = capture.reporter(interactive: false)
        reporter.warning(once: "launcher", "no launcher: the long story", repeat: "a: no launcher")
        reporter.warning(once: "launcher", "no launcher: the long story", repeat: "b: no launcher")
        reporter.warning("line one\nline two")
        let (progress, _) = try capture.text()
        XCTAssertEqual(progress, "warning: no launcher: the long story\nwarning: b: no launcher\nwarning: line one\nline two\n")
    }

    func testQuietSaysNothingButWarnings() throws {
        let capture = Capture()
        let reporter = capture.reporter(interactive: true, quiet: true)
        reporter.start(total: 1)
        reporter.begin(spec("a"), position: 1)
        reporter.phase(spec("a"), "measuring")
        reporter.finished(result("a"))
        reporter.warning("kept")
        let (progress, results) = try capture.text()
        XCTAssertEqual(progress, "warning: kept\n")
        XCTAssertEqual(results, "")
    }
}

// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc
import XCTest

@testable import BenchIsolation

/// rusage figures are the child's own.
final class ResourceTests: XCTestCase {
    func testMemoryHogReportsItsPeak() throws {
        let result = try makeLauncher().run(fixtureSpec("hog", "200"), iterations: 1)
        let usage = try XCTUnwrap(result.iterations.first?.usage)
        let expected = 200.0 * 1024 * 1024
        XCTAssertEqual(Double(usage.maxRSSBytes), expected, accuracy: expected * 0.10)
        XCTAssertGreaterThan(usage.minorFaults, 200 * 256 / 2)
    }

    func testCPUBurnerIsMostlyUserTime() throws {
        let result = try makeLauncher().run(fixtureSpec("burn", "300"), iterations: 1)
        let usage = try XCTUnwrap(result.iterations.first?.usage)
        // A loaded machine hands the spinner only a share of its 300 ms of wall time: the floor
        // is low, the ratio to system time is what says "mostly user time".
        XCTAssertGreaterThan(usage.userUs, 10_000)
        XCTAssertGreaterThan(usage.userUs, 5 * usage.systemUs)
        XCTAssertGreaterThanOrEqual(usage.wallNs, 300_000_000)
    }

    /// Spawned straight from this process, /bin/true would report >= 100 MB: exec keeps the
    /// peak RSS of the image it replaces. Through the launcher it reports its own.
    func testTrueStaysSmallWhileTheParentHolds100MB() throws {
        let size = 100 * 1024 * 1024
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
        defer { block.deallocate() }
        for offset in stride(from: 0, to: size, by: 4096) { block[offset] = 1 }
        XCTAssertGreaterThan(ProcessMemory.residentBytes() ?? 0, UInt64(size))

        // Started after the allocation, so it is spawned from a 100 MB process.
        let launcher = try makeLauncher()
        let spec = ChildSpec(arguments: ["/bin/true"], environment: [:])
        let result = try launcher.run(spec, iterations: 5)
        XCTAssertTrue(result.allSucceeded)
        for iteration in result.iterations {
            XCTAssertLessThan(try XCTUnwrap(iteration.usage).maxRSSBytes, 4 * 1024 * 1024)
        }
        XCTAssertEqual(block[size - 4096], 1)
    }

    func testFloodOnStdoutNeitherDeadlocksNorGrows() throws {
        let result = try makeLauncher().run(fixtureSpec("flood", "50"), iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .exited(0))
        XCTAssertEqual(result.stdoutBytes, 50 * 1024 * 1024)
        XCTAssertEqual(result.stdoutTail.utf8.count, BatchResult.tailCapBytes)
        XCTAssertTrue(result.stdoutTail.hasSuffix("xxx\n"))
    }

    func testResultChannelLines() throws {
        let result = try makeLauncher().run(fixtureSpec("fd3", "4"), iterations: 3)
        XCTAssertTrue(result.allSucceeded)
        let one = [#"{"sampleNs":1000}"#, #"{"samplesNs":[2001,3001]}"#, #"{"sampleNs":1002}"#, #"{"samplesNs":[2003,3003]}"#]
        XCTAssertEqual(result.resultLines, one + one + one)
        XCTAssertEqual(result.droppedResultBytes, 0)
    }

    /// Nothing is written between two children of a batch (that would wake benchboard once per
    /// child): unterminated lines run together, and the batch's end ends the last one.
    func testUnterminatedResultLinesRunTogetherAndTheBatchEndsTheLast() throws {
        let script = "printf '{\"sampleNs\":5}' >&3"
        let spec = ChildSpec(arguments: ["/bin/sh", "-c", script], environment: [:])
        let launcher = try makeLauncher()
        let result = try launcher.run(spec, iterations: 2)
        XCTAssertEqual(result.resultLines, [#"{"sampleNs":5}{"sampleNs":5}"#])
        let next = try launcher.run(spec, iterations: 1)
        XCTAssertEqual(next.resultLines, [#"{"sampleNs":5}"#], "a new batch starts a new line")
    }
}
#endif

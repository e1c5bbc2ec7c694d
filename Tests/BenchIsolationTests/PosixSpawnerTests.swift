import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import BenchIsolation

/// The executor of command benchmarks where there is no launcher (macOS, a BENCHBOARD_PORTABLE
/// build), run here with real children of bench-fixture. It compiles everywhere, so both builds
/// run these.
final class PosixSpawnerTests: XCTestCase {
    private func run(_ spec: ChildSpec, iterations: Int = 1) throws -> BatchResult {
        try PosixSpawner().run(spec, iterations: iterations)
    }

    func testASleeperIsTimedOutWithItsKillSignal() throws {
        var result: BatchResult?
        let elapsed = try seconds { result = try run(fixtureSpec("sleep", "30000", timeoutMs: 200, graceMs: 5_000)) }
        let batch = try XCTUnwrap(result)
        XCTAssertEqual(batch.iterations.map(\.termination), [.timedOut(killedBy: SIGTERM)])
        // Far from the 30 s it asked for; the bound leaves a shared machine its noise.
        XCTAssertLessThan(elapsed, 15)
        let wall = try XCTUnwrap(batch.iterations.first?.usage?.wallNs)
        XCTAssertGreaterThanOrEqual(wall, 200_000_000, "the wall time runs to the reap, past the timeout")
    }

    func testAChildThatIgnoresTheKillSignalGetsSIGKILLAfterTheGrace() throws {
        let batch = try run(fixtureSpec("ignore-term", "30000", timeoutMs: 200, graceMs: 200))
        XCTAssertEqual(batch.iterations.map(\.termination), [.timedOut(killedBy: SIGKILL)])
    }

    func testACrashIsItsSignal() throws {
        let batch = try run(fixtureSpec("segv"), iterations: 3)
        XCTAssertEqual(batch.iterations.map(\.termination), [.signaled(SIGSEGV)], "the batch stops at the first failure")
        XCTAssertFalse(batch.allSucceeded)
    }

    func testExitStatusAndStderrTail() throws {
        let batch = try run(fixtureSpec("exit", "3", "no such input"), iterations: 3)
        XCTAssertEqual(batch.iterations.map(\.termination), [.exited(3)])
        XCTAssertTrue(batch.stderrTail.contains("no such input"), batch.stderrTail)
    }

    func testEveryIterationIsAChildWithItsOwnUsage() throws {
        var ended: [Int] = []
        let batch = try PosixSpawner().run(fixtureSpec("true"), iterations: 4) { _, count in ended.append(count) }
        XCTAssertEqual(batch.iterations.count, 4)
        XCTAssertTrue(batch.allSucceeded)
        XCTAssertEqual(ended, [1, 2, 3, 4])
        for iteration in batch.iterations {
            let usage = try XCTUnwrap(iteration.usage)
            XCTAssertGreaterThan(usage.wallNs, 0)
            XCTAssertGreaterThan(usage.maxRSSBytes, 0)
        }
    }

    /// ru_maxrss is in kilobytes on Linux and bytes on Darwin: either way the record gets bytes.
    func testMaxRSSIsInBytes() throws {
        let batch = try run(fixtureSpec("hog", "64"))
        let rss = try XCTUnwrap(batch.iterations.first?.usage?.maxRSSBytes)
        XCTAssertGreaterThanOrEqual(rss, 64 << 20)
        XCTAssertLessThan(rss, 8 << 30, "a unit too many")
    }

    /// A fixed amount of work, so the CPU time does not depend on the share a loaded machine gives.
    func testCPUTimeComesFromTheChildsRusage() throws {
        let batch = try run(fixtureSpec("loop", "100000000"))
        let usage = try XCTUnwrap(batch.iterations.first?.usage)
        let cpuUs = usage.userUs + usage.systemUs
        XCTAssertGreaterThan(cpuUs, 5_000, "10^8 additions")
        XCTAssertLessThanOrEqual(cpuUs, usage.wallNs / 1_000 + 20_000, "one thread cannot spend more CPU than wall time")
    }

    func testTheResultChannelIsFD3() throws {
        let batch = try run(fixtureSpec("fd3", "2"), iterations: 2)
        XCTAssertTrue(batch.allSucceeded)
        XCTAssertEqual(batch.resultLines.count, 4, "\(batch.resultLines)")
    }

    func testTheEnvironmentIsTheSpecsAlone() throws {
        let spec = ChildSpec(
            arguments: [TestBinaries.fixture, "env"], environment: ["PATH": "/usr/bin:/bin", "ONLY_THIS": "1"])
        let lines = Set(try run(spec).stdoutTail.split(separator: "\n").map(String.init))
        XCTAssertEqual(lines, ["PATH=/usr/bin:/bin", "ONLY_THIS=1", "BENCHBOARD_RESULT_FD=3"])
    }

    func testAMissingProgramIsASpawnFailureNamingThePath() throws {
        let spec = ChildSpec(arguments: ["no-such-program-\(uniqueMilliseconds())"], environment: ["PATH": "/nonexistent"])
        let batch = try run(spec, iterations: 3)
        guard case .spawnFailed(let code, let message)? = batch.iterations.first?.termination else {
            return XCTFail("\(batch.iterations)")
        }
        XCTAssertEqual(batch.iterations.count, 1)
        XCTAssertEqual(code, ENOENT)
        XCTAssertTrue(message.contains("PATH=/nonexistent"), message)
    }

    func testTheOutputCapStopsTheBatch() throws {
        var spec = fixtureSpec("flood", "8")
        spec.limits.outputBytes = 1 << 20
        let batch = try run(spec, iterations: 3)
        XCTAssertTrue(batch.outputLimitHit)
        XCTAssertEqual(batch.limitHit, .output)
        XCTAssertFalse(batch.interrupted, "the cap is not an interrupt of the run")
        XCTAssertEqual(batch.iterations.count, 1)
    }

    func testOnlyTheOutputCapIsEnforceable() {
        XCTAssertEqual(PosixSpawner().capabilities.enforceable, [.output])
    }

    func testAnInterruptEndsTheBatchAndEveryLaterOne() throws {
        let spawner = PosixSpawner()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { spawner.interrupt() }
        let batch = try spawner.run(fixtureSpec("sleep", "30000", timeoutMs: 0), iterations: 5)
        XCTAssertTrue(batch.interrupted)
        XCTAssertEqual(batch.iterations.map(\.termination), [.signaled(SIGTERM)])
        XCTAssertTrue(try spawner.run(fixtureSpec("true"), iterations: 1).interrupted, "sticky")
    }

    func testABatchAfterShutdownIsRefused() {
        let spawner = PosixSpawner()
        spawner.shutdown()
        XCTAssertThrowsError(try spawner.run(fixtureSpec("true"), iterations: 1)) { error in
            XCTAssertEqual(error as? IsolationError, .launcherShutDown)
        }
    }

    func testAnEmptyCommandIsRefused() {
        XCTAssertThrowsError(try run(ChildSpec(arguments: [""], environment: [:]))) { error in
            guard case .invalidSpec? = error as? IsolationError else { return XCTFail("\(error)") }
        }
    }
}

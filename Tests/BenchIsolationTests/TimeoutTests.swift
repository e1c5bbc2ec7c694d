// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Foundation
import Glibc
import XCTest

@testable import BenchIsolation

/// Timeouts, grace periods, interrupts, and nothing outliving its benchmark.
final class TimeoutTests: XCTestCase {
    func testSleeperPastItsTimeoutEndsBySIGTERM() throws {
        // SIGTERM ends it at once: it returns long before the grace period would end.
        try assertTimesOut(fixtureSpec("sleep", "20000", timeoutMs: 300, graceMs: 1_000), endedBy: SIGTERM, after: 0.3)
    }

    func testSIGTERMIgnorerIsKilledAfterGrace() throws {
        try assertTimesOut(fixtureSpec("ignore-term", "20000", timeoutMs: 200, graceMs: 300), endedBy: SIGKILL, after: 0.5)
    }

    /// Timed out and ended by `signal` no sooner than `seconds`, and (with the 250 ms the issue
    /// allows, plus a second of slack for a busy 2-core machine) not much later.
    private func assertTimesOut(
        _ spec: ChildSpec, endedBy signal: Int32, after expected: Double, line: UInt = #line
    ) throws {
        let launcher = try makeLauncher()
        var result = BatchResult()
        let elapsed = try seconds { result = try launcher.run(spec, iterations: 1) }
        XCTAssertEqual(result.iterations.first?.termination, .timedOut(killedBy: signal), line: line)
        let wall = Double(try XCTUnwrap(result.iterations.first?.usage).wallNs) / 1e9
        XCTAssertGreaterThanOrEqual(wall, expected, line: line)
        XCTAssertLessThan(elapsed, expected + 0.25 + 1.0, line: line)
    }

    func testConfiguredKillSignal() throws {
        var spec = fixtureSpec("sleep", "20000", timeoutMs: 100)
        spec.killSignal = SIGINT
        let result = try makeLauncher().run(spec, iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .timedOut(killedBy: SIGINT))
    }

    func testHugeTimeoutMeansNoLimit() throws {
        let result = try makeLauncher().run(fixtureSpec("true", timeoutMs: .max, graceMs: .max), iterations: 1)
        XCTAssertTrue(result.allSucceeded)
    }

    func testGrandchildrenDoNotOutliveTheirChild() throws {
        try assertNoGrandchildLeft(fixtureSpec("fork-grandchildren", "3", "30000"), count: 3, ending: .exited(0))
    }

    func testGrandchildThatLeftTheGroupIsKilledToo() throws {
        try assertNoGrandchildLeft(fixtureSpec("fork-grandchildren", "2", "30000", "setsid"), count: 2, ending: .exited(0))
    }

    func testGrandchildrenOfATimedOutChildAreKilled() throws {
        let spec = fixtureSpec("fork-grandchildren", "2", "30000", "setsid", "wait", timeoutMs: 300, graceMs: 200)
        try assertNoGrandchildLeft(spec, count: 2, ending: .timedOut(killedBy: SIGTERM))
    }

    /// Runs a `fork-grandchildren` fixture and checks that every grandchild it printed is gone.
    private func assertNoGrandchildLeft(
        _ spec: ChildSpec, count: Int, ending: Termination, line: UInt = #line
    ) throws {
        let result = try makeLauncher().run(spec, iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, ending, line: line)
        let pids = printedPIDs(result)
        XCTAssertEqual(pids.count, count, line: line)
        assertGone(pids, line: line)
    }

    func testInterruptFromAnotherThread() throws {
        let launcher = try makeLauncher()
        let marker = uniqueMilliseconds()
        let spec = fixtureSpec("fork-grandchildren", "1", marker, "wait", timeoutMs: 60_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { launcher.interrupt() }
        var result = BatchResult()
        let elapsed = try seconds { result = try launcher.run(spec, iterations: 10) }
        XCTAssertTrue(result.interrupted)
        XCTAssertEqual(result.iterations.count, 1)
        XCTAssertEqual(result.iterations.first?.termination, .signaled(SIGTERM))
        XCTAssertLessThan(elapsed, 5)
        assertGone(printedPIDs(result))
        XCTAssertEqual(processes(withArgument: marker), [])

        // Sticky until reset: a runner that missed the moment does not start anything new.
        XCTAssertTrue(launcher.isInterrupted)
        let after = try launcher.run(fixtureSpec("true"), iterations: 1)
        XCTAssertTrue(after.interrupted)
        XCTAssertTrue(after.iterations.isEmpty)
        launcher.resetInterrupt()
        XCTAssertTrue(try launcher.run(fixtureSpec("true"), iterations: 1).allSucceeded)
    }

    func testShutdownDuringARunStopsTheChild() throws {
        let launcher = try Launcher(executablePath: TestBinaries.launcher)
        let marker = uniqueMilliseconds()
        let spec = fixtureSpec("fork-grandchildren", "2", marker, "setsid", "wait", timeoutMs: 60_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { launcher.shutdown() }
        XCTAssertThrowsError(try launcher.run(spec, iterations: 1)) {
            XCTAssertEqual($0 as? IsolationError, .launcherShutDown)
        }
        XCTAssertThrowsError(try launcher.run(fixtureSpec("true"), iterations: 1)) {
            XCTAssertEqual($0 as? IsolationError, .launcherShutDown)
        }
        XCTAssertEqual(processes(withArgument: marker), [])
    }

    /// benchboard killed outright: the launcher sees its channel close, kills the running group and
    /// the escaped grandchildren, and exits.
    func testNothingOutlivesADeadBenchboard() throws {
        let process = try LauncherProcess.start(executablePath: TestBinaries.launcher)
        defer { FileDescriptorIO.closeAll([process.stdout, process.stderr, process.result]) }
        let marker = uniqueMilliseconds()
        let spec = fixtureSpec("fork-grandchildren", "2", marker, "setsid", "wait", timeoutMs: 0)
        XCTAssertNil(FileDescriptorIO.sendAll(process.channel, try LauncherRequest.encode(spec, iterations: 1, stopOnFailure: true)))
        // Wait until the child and its grandchildren exist ("S" comes after 2 ms of running).
        let deadline = Date().addingTimeInterval(5)
        while processes(withArgument: marker).count < 3 && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(processes(withArgument: marker).count, 3)
        close(process.channel)
        var status: Int32 = 0
        XCTAssertEqual(waitpid(process.pid, &status, 0), process.pid)
        XCTAssertEqual(status, 0, "the launcher exits cleanly on EOF")
        XCTAssertEqual(processes(withArgument: marker), [])
    }

    func testLauncherDeathIsAnErrorAndItsChildIsStopped() throws {
        let launcher = try makeLauncher()
        let marker = uniqueMilliseconds()
        let spec = fixtureSpec("sleep", marker, timeoutMs: 60_000)
        let launcherPID = launcher.processID
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { kill(launcherPID, SIGKILL) }
        XCTAssertThrowsError(try launcher.run(spec, iterations: 1)) { error in
            guard case .launcherFailed(let reason)? = error as? IsolationError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(reason.contains("SIGKILL"), reason)
        }
        XCTAssertThrowsError(try launcher.run(fixtureSpec("true"), iterations: 1))
        // Killed by us through its process group, since the launcher could not; reaped by init.
        let deadline = Date().addingTimeInterval(5)
        while !processes(withArgument: marker).isEmpty && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(processes(withArgument: marker), [])
    }
}
#endif

import Foundation
import Glibc
import XCTest

@testable import BenchIsolation

/// Timeouts, grace periods, interrupts, and nothing outliving its benchmark.
final class TimeoutTests: XCTestCase {
    func testSleeperPastItsTimeoutEndsBySIGTERM() throws {
        let launcher = try makeLauncher()
        var result = BatchResult()
        let elapsed = try seconds {
            result = try launcher.run(fixtureSpec("sleep", "20000", timeoutMs: 300, graceMs: 1_000), iterations: 1)
        }
        XCTAssertEqual(result.iterations.first?.termination, .timedOut(killedBy: SIGTERM))
        let wall = Double(try XCTUnwrap(result.iterations.first?.usage).wallNs) / 1e9
        XCTAssertGreaterThanOrEqual(wall, 0.3)
        // Killed within the grace period plus 250 ms; the rest is slack for a busy 2-core machine.
        XCTAssertLessThan(elapsed, 0.3 + 0.25 + 1.0)
    }

    func testSIGTERMIgnorerIsKilledAfterGrace() throws {
        let launcher = try makeLauncher()
        var result = BatchResult()
        let elapsed = try seconds {
            result = try launcher.run(fixtureSpec("ignore-term", "20000", timeoutMs: 200, graceMs: 300), iterations: 1)
        }
        XCTAssertEqual(result.iterations.first?.termination, .timedOut(killedBy: SIGKILL))
        let wall = Double(try XCTUnwrap(result.iterations.first?.usage).wallNs) / 1e9
        XCTAssertGreaterThanOrEqual(wall, 0.5)
        XCTAssertLessThan(elapsed, 0.5 + 0.25 + 1.0)
    }

    func testConfiguredKillSignal() throws {
        var spec = fixtureSpec("sleep", "20000", timeoutMs: 100)
        spec.killSignal = SIGINT
        let result = try makeLauncher().run(spec, iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .timedOut(killedBy: SIGINT))
    }

    func testGrandchildrenDoNotOutliveTheirChild() throws {
        let launcher = try makeLauncher()
        let result = try launcher.run(fixtureSpec("fork-grandchildren", "3", "30000"), iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .exited(0))
        let pids = printedPIDs(result)
        XCTAssertEqual(pids.count, 3)
        assertGone(pids)
    }

    func testGrandchildThatLeftTheGroupIsKilledToo() throws {
        let launcher = try makeLauncher()
        let result = try launcher.run(fixtureSpec("fork-grandchildren", "2", "30000", "setsid"), iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .exited(0))
        let pids = printedPIDs(result)
        XCTAssertEqual(pids.count, 2)
        assertGone(pids)
    }

    func testGrandchildrenOfATimedOutChildAreKilled() throws {
        let launcher = try makeLauncher()
        let spec = fixtureSpec("fork-grandchildren", "2", "30000", "setsid", "wait", timeoutMs: 300, graceMs: 200)
        let result = try launcher.run(spec, iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .timedOut(killedBy: SIGTERM))
        let pids = printedPIDs(result)
        XCTAssertEqual(pids.count, 2)
        assertGone(pids)
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

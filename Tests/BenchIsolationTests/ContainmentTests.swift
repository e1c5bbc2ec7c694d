// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Foundation
import Glibc
import XCTest

@testable import BenchIsolation

/// The launcher against hostile children and signals: it outlives TERM/HUP/INT and relays them,
/// a setsid fork bomb dies with its benchmark, and each resource limit stops its child.
final class ContainmentTests: XCTestCase {
    private func pidFile() -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "benchboard-pids-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// Pids a fixture appended to `file` ("refused" lines left out).
    private func pids(in file: String) -> [pid_t] {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { pid_t($0) }
    }

    private func waitFor(_ condition: () -> Bool, seconds: Double = 10) {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(), Date() < deadline { usleep(20_000) }
    }

    /// Gone after a bounded wait (killed processes take a moment to be reaped).
    private func assertAllGone(_ pids: [pid_t], file: StaticString = #filePath, line: UInt = #line) {
        waitFor({ pids.allSatisfy { kill($0, 0) != 0 && errno == ESRCH } }, seconds: 5)
        assertGone(pids, file: file, line: line)
    }

    private func runInBackground(_ launcher: Launcher, _ spec: ChildSpec) -> () -> BatchResult? {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.set(try? launcher.run(spec, iterations: 1))
            done.signal()
        }
        return {
            done.wait()
            return box.get()
        }
    }

    func testTermHupAndIntDoNotEndTheLauncherButReachTheChild() throws {
        let launcher = try makeLauncher()
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let file = pidFile()
            let result = runInBackground(launcher, fixtureSpec("family", file, "2", "60000"))
            waitFor { pids(in: file).count == 3 }
            XCTAssertEqual(pids(in: file).count, 3)
            kill(launcher.processID, signal)
            let batch = try XCTUnwrap(result())
            // The child got the relayed signal; its setsid'ed grandchildren were killed after it.
            XCTAssertEqual(batch.iterations.first?.termination, .signaled(signal))
            assertAllGone(pids(in: file))
        }
        // And the launcher is still there for the next batch.
        XCTAssertTrue(try launcher.run(fixtureSpec("true"), iterations: 1).allSucceeded)
    }

    func testProcessLimitStopsAForkBomb() throws {
        let launcher = try makeLauncher()
        let file = pidFile()
        var spec = fixtureSpec("bomb", file, "6", "300", timeoutMs: 5_000)
        spec.limits = ChildLimits(processes: 10)
        let result = try launcher.run(spec, iterations: 1)
        XCTAssertLessThanOrEqual(pids(in: file).count, 10)
        if launcher.capabilities.pidsCgroup {
            XCTAssertEqual(result.limitHit, .processes)
        }
        assertAllGone(pids(in: file))
    }

    func testMemoryLimitStopsAHog() throws {
        let launcher = try makeLauncher()
        var spec = fixtureSpec("hog", "256")
        spec.limits = ChildLimits(memoryBytes: 64 << 20)
        let result = try launcher.run(spec, iterations: 1)
        XCTAssertFalse(result.allSucceeded)
        if launcher.capabilities.memoryCgroup {
            XCTAssertEqual(result.limitHit, .memory, "\(result.iterations)")
            XCTAssertEqual(result.iterations.first?.termination, .signaled(SIGKILL))
        } else {
            // RLIMIT_DATA: the mmap fails inside the child, which exits 1; the kernel keeps no count.
            XCTAssertEqual(result.iterations.first?.termination, .exited(1))
        }
        XCTAssertTrue(try launcher.run(fixtureSpec("hog", "100"), iterations: 1).allSucceeded, "the limit must not stay")
    }

    /// Under a memory limit the launcher, also in the cgroup, must not be the OOM killer's choice:
    /// it lowers its own oom_score_adj for the batch, and its children get the usual value back.
    func testLauncherIsTheOOMKillersLastChoiceUnderAMemoryLimit() throws {
        let launcher = try makeLauncher()
        // Lowering oom_score_adj takes CAP_SYS_RESOURCE (bit 24 of CapEff), which root may lack in a sandbox.
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let effective = status.split(separator: "\n").first { $0.hasPrefix("CapEff:") }
            .flatMap { UInt64($0.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16) } ?? 0
        guard launcher.capabilities.memoryCgroup, effective & (1 << 24) != 0 else {
            throw XCTSkip("needs a memory cgroup and CAP_SYS_RESOURCE to lower oom_score_adj")
        }
        let usual = try String(contentsOfFile: "/proc/\(launcher.processID)/oom_score_adj", encoding: .utf8)
        var spec = ChildSpec(
            arguments: ["/bin/sh", "-c", "cat /proc/self/oom_score_adj /proc/$PPID/oom_score_adj"],
            environment: ["PATH": "/usr/bin:/bin"])
        spec.limits = ChildLimits(memoryBytes: 64 << 20)
        let result = try launcher.run(spec, iterations: 1)
        XCTAssertTrue(result.allSucceeded, result.stderrTail)
        XCTAssertEqual(result.stdoutTail, usual + "-999\n")
        XCTAssertEqual(try String(contentsOfFile: "/proc/\(launcher.processID)/oom_score_adj", encoding: .utf8), usual)
    }

    func testCPUAndOpenFileLimits() throws {
        let launcher = try makeLauncher()
        var burn = fixtureSpec("burn", "20000", timeoutMs: 30_000)
        burn.limits = ChildLimits(cpuSeconds: 1)
        let burned = try launcher.run(burn, iterations: 1)
        XCTAssertEqual(burned.limitHit, .cpu)
        XCTAssertEqual(burned.iterations.first?.termination, .signaled(SIGXCPU))

        var files = fixtureSpec("fds", "64")
        files.limits = ChildLimits(openFiles: 32)
        XCTAssertEqual(try launcher.run(files, iterations: 1).iterations.first?.termination, .exited(1))
        XCTAssertTrue(try launcher.run(fixtureSpec("fds", "64"), iterations: 1).allSucceeded)
    }

    func testOutputLimitStopsAFloodWithoutCountingAsAnInterrupt() throws {
        let launcher = try makeLauncher()
        var spec = fixtureSpec("flood", "500")
        spec.limits = ChildLimits(outputBytes: 1 << 20)
        let result = try launcher.run(spec, iterations: 3)
        XCTAssertTrue(result.outputLimitHit)
        XCTAssertEqual(result.limitHit, .output)
        XCTAssertFalse(result.interrupted)
        XCTAssertEqual(result.iterations.count, 1, "the batch stops at the flood")
        XCTAssertLessThan(result.stdoutBytes, 400 << 20)
        XCTAssertTrue(try launcher.run(fixtureSpec("true"), iterations: 1).allSucceeded)
    }

    /// The launcher SIGKILLed mid-batch: benchboard's side kills the running child's group and,
    /// through the launcher's cgroup v2 folder, the setsid'ed grandchildren it can no longer reach.
    func testLauncherKilledTakesItsCgroupDown() throws {
        let launcher = try makeLauncher()
        guard launcher.capabilities.killDirectory != nil else { throw XCTSkip("no writable cgroup v2 here") }
        let file = pidFile()
        let result = runInBackground(launcher, fixtureSpec("family", file, "3", "60000"))
        waitFor { pids(in: file).count == 4 }
        XCTAssertEqual(pids(in: file).count, 4)
        kill(launcher.processID, SIGKILL)
        XCTAssertNil(result())
        assertAllGone(pids(in: file))
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: BatchResult?
    func set(_ result: BatchResult?) { lock.withLock { value = result } }
    func get() -> BatchResult? { lock.withLock { value } }
}

/// Without cgroups (`--no-cgroups`), limits fall back to rlimits and leftovers to the subreaper.
final class NoCgroupContainmentTests: XCTestCase {
    private func launcher() throws -> Launcher {
        let launcher = try Launcher(executablePath: TestBinaries.launcher, useCgroups: false)
        addTeardownBlock { launcher.shutdown() }
        return launcher
    }

    func testMemoryLimitIsAnRlimitWhoseHitTheKernelDoesNotCount() throws {
        let launcher = try launcher()
        XCTAssertEqual(launcher.capabilities, LauncherCapabilities())
        XCTAssertEqual(launcher.capabilities.mechanism(for: .memory), "RLIMIT_DATA")
        XCTAssertEqual(launcher.capabilities.mechanism(for: .processes), "RLIMIT_NPROC")
        var hog = fixtureSpec("hog", "256")
        hog.limits = ChildLimits(memoryBytes: 64 << 20)
        let result = try launcher.run(hog, iterations: 1)
        // The mmap fails inside the child, which exits 1; nothing says a limit was hit.
        XCTAssertEqual(result.iterations.first?.termination, .exited(1))
        XCTAssertNil(result.limitHit)
        XCTAssertNil(result.cgroupPeakBytes)
        XCTAssertTrue(try launcher.run(fixtureSpec("hog", "100"), iterations: 1).allSucceeded)
    }
}
#endif

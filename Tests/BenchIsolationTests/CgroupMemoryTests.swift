// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Foundation
import Glibc
import XCTest

@testable import BenchIsolation

/// The memory cgroup figure, where the machine has a writable cgroup v1 memory controller.
final class CgroupMemoryTests: XCTestCase {
    private static let mib: UInt64 = 1024 * 1024

    private func launcherWithCgroup() throws -> Launcher {
        guard FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/memory.max_usage_in_bytes") else {
            throw XCTSkip("no cgroup v1 memory controller at /sys/fs/cgroup/memory")
        }
        let launcher = try makeLauncher()
        guard launcher.hasMemoryCgroup else { throw XCTSkip("the memory cgroup is not writable here") }
        return launcher
    }

    /// The launcher's memory cgroup folder, from /proc/<pid>/cgroup.
    private func cgroupFolder(of pid: Int32) throws -> String {
        let text = try String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.split(separator: ":")[1] == "memory" })
        return "/sys/fs/cgroup/memory" + line.split(separator: ":", maxSplits: 2)[2]
    }

    func testReportLines() throws {
        XCTAssertEqual(
            try LauncherReport(line: "H 3 42 1 0 /sys/fs/cgroup/unified/a b/benchboard-42"),
            .hello(version: 3, pid: 42, capabilities: LauncherCapabilities(
                memoryCgroup: true, pidsCgroup: false, killDirectory: "/sys/fs/cgroup/unified/a b/benchboard-42")))
        XCTAssertEqual(
            try LauncherReport(line: "H 3 42 0 1 -"),
            .hello(version: 3, pid: 42, capabilities: LauncherCapabilities(memoryCgroup: false, pidsCgroup: true)))
        XCTAssertEqual(try LauncherReport(line: "H 1 42"), .hello(version: 1, pid: 42, capabilities: LauncherCapabilities()))
        XCTAssertEqual(try LauncherReport(line: "M 300 100"), .memoryPeak(peakBytes: 300, baselineBytes: 100))
        XCTAssertThrowsError(try LauncherReport(line: "M 300"))
        XCTAssertThrowsError(try LauncherReport(line: "M x 1"))
    }

    func testMemoryHogIsCharged() throws {
        let result = try launcherWithCgroup().run(fixtureSpec("hog", "200"), iterations: 1)
        XCTAssertTrue(result.allSucceeded)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.cgroupPeakBytes), 200 * Self.mib)
    }

    /// The point of the extra: a shell running two 64 MiB programs at once reports one program's
    /// max RSS (wait4 folds in the largest reaped descendant), while the cgroup sees both. Each
    /// `dd` holds its 64 MiB block until `sleep` ends its pipe. Under load the second `dd` can
    /// start a few hundred milliseconds after the first: a 0.3 s hold once left them overlapping
    /// for only part of a block (a peak of 125–127 MiB), so each holds for 1.5 s, and the floor
    /// asks for more than any one process could hold (96 MiB: one block and a shell), not both
    /// blocks to the byte.
    func testGrandchildrenInParallelAreChargedTogether() throws {
        let hold = "dd if=/dev/zero bs=64M count=1 2>/dev/null | sleep 1.5"
        let spec = ChildSpec(arguments: ["/bin/sh", "-c", "\(hold) & \(hold); wait"], environment: ["PATH": "/usr/bin:/bin"])
        let result = try launcherWithCgroup().run(spec, iterations: 1)
        XCTAssertTrue(result.allSucceeded, result.stderrTail)
        let usage = try XCTUnwrap(result.iterations.first?.usage)
        XCTAssertLessThan(usage.maxRSSBytes, 80 * Self.mib)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.cgroupPeakBytes), 96 * Self.mib)
    }

    /// Each batch starts from what the cgroup holds then: a small child after a big one is small.
    func testEachBatchStartsAfresh() throws {
        let launcher = try launcherWithCgroup()
        _ = try launcher.run(fixtureSpec("hog", "100"), iterations: 1)
        let small = try launcher.run(fixtureSpec("true"), iterations: 3)
        XCTAssertLessThan(try XCTUnwrap(small.cgroupPeakBytes), 20 * Self.mib)
    }

    func testFolderIsRemovedAtShutdown() throws {
        let launcher = try launcherWithCgroup()
        let folder = try cgroupFolder(of: launcher.processID)
        XCTAssertTrue(folder.hasSuffix("/benchboard-\(launcher.processID)"), folder)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder))
        _ = try launcher.run(fixtureSpec("true"), iterations: 1)
        launcher.shutdown()
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "\(folder) outlived its launcher")
    }

    /// A launcher killed outright leaves its folder; the next one removes it, and nothing else.
    func testStaleFolderOfAKilledLauncherIsRemoved() throws {
        let killed = try launcherWithCgroup()
        let stale = try cgroupFolder(of: killed.processID)
        kill(killed.processID, SIGKILL)
        killed.shutdown()
        XCTAssertTrue(FileManager.default.fileExists(atPath: stale))

        let live = try makeLauncher()
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale), "\(stale) was not cleaned up")
        XCTAssertTrue(FileManager.default.fileExists(atPath: try cgroupFolder(of: live.processID)))
    }

    /// A launcher SIGKILLed mid-batch whose parent never reaps it stays a zombie, and `kill(pid, 0)`
    /// succeeds on a zombie. The next launcher must still count it as dead: it kills what its
    /// folder holds (here a setsid'ed grandchild, which no process group kill reaches) and removes
    /// the folder.
    func testStaleFolderOfAZombieLauncherIsRemoved() throws {
        _ = try launcherWithCgroup()
        let pids = FileManager.default.temporaryDirectory.appending(path: "benchboard-family-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pids) }
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        parent.arguments = ["python3", "-c", Self.nonReapingParent, TestBinaries.launcher, TestBinaries.fixture, pids]
        let answer = Pipe()
        let hold = Pipe()
        parent.standardOutput = answer
        parent.standardInput = hold
        try parent.run()
        defer {
            try? hold.fileHandleForWriting.close()
            parent.waitUntilExit()
        }
        // "<launcher pid> <family pids…>" once the launcher is a zombie.
        var said = Data()
        while !said.contains(UInt8(ascii: "\n")) {
            let more = answer.fileHandleForReading.availableData
            if more.isEmpty { break }
            said += more
        }
        let line = String(decoding: said, as: UTF8.self)
        let numbers = line.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        let zombie = try XCTUnwrap(numbers.first, "the helper said \(line)")
        let family = Array(numbers.dropFirst())
        guard family.count == 2 else { return XCTFail("the helper said \(line)") }
        XCTAssertEqual(state(of: zombie), "Z")
        let stale = try cgroupFolder(of: family[0])
        XCTAssertTrue(stale.hasSuffix("/benchboard-\(zombie)"), stale)
        defer { family.forEach { kill($0, SIGKILL) } }

        let live = try makeLauncher()
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale), "\(stale) of a zombie launcher was not cleaned up")
        let deadline = Date().addingTimeInterval(5)
        while family.contains(where: { isRunning($0) }), Date() < deadline { usleep(10_000) }
        XCTAssertEqual(family.filter { isRunning($0) }, [], "the dead run's setsid'ed processes survived")
        XCTAssertTrue(FileManager.default.fileExists(atPath: try cgroupFolder(of: live.processID)))
    }

    /// The state letter of /proc/<pid>/stat; nil once the process is gone.
    private func state(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let field = stat.split(separator: ")").last?.split(separator: " ").first
        else { return nil }
        return String(field)
    }

    private func isRunning(_ pid: Int32) -> Bool {
        guard let state = state(of: pid) else { return false }
        return state != "Z" && state != "X"
    }

    /// Starts the launcher (argv 1) with its six descriptors, has it run `bench-fixture family`
    /// (argv 2) writing pids to argv 3, SIGKILLs it once the family is up, and never waits for it:
    /// prints the launcher's pid and the family's, then holds on until its stdin closes.
    private static let nonReapingParent = #"""
        import os, signal, socket, sys, time
        launcher, fixture, pids = sys.argv[1:4]
        ours, theirs = socket.socketpair()
        pipes = [os.pipe() for _ in range(3)]
        pid = os.fork()
        if pid == 0:
            for target, source in [(0, theirs.fileno()), (1, theirs.fileno()), (3, pipes[0][1]), (4, pipes[1][1]), (5, pipes[2][1])]:
                os.dup2(source, target)
            os.execv(launcher, [launcher])
        greeting = b""
        while not greeting.endswith(b"\n"):
            greeting += ours.recv(1)
        payload = b"".join(arg.encode() + b"\0" for arg in [fixture, "family", pids, "1", "60000"])
        ours.sendall(b"R 1 1 0 1000 15 5 0 0 %d 0 0 0 0\n" % len(payload) + payload)
        family = []
        while len(family) < 2:
            time.sleep(0.01)
            if os.path.exists(pids):
                family = open(pids).read().split()
        os.kill(pid, signal.SIGKILL)
        while open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "Z":
            time.sleep(0.01)
        print(pid, *family, flush=True)
        sys.stdin.read()
        """#
}
#endif

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
    /// `dd` holds its 64 MiB block until `sleep` ends its pipe, so the two surely overlap.
    func testGrandchildrenInParallelAreChargedTogether() throws {
        let hold = "dd if=/dev/zero bs=64M count=1 2>/dev/null | sleep 0.3"
        let spec = ChildSpec(arguments: ["/bin/sh", "-c", "\(hold) & \(hold); wait"], environment: ["PATH": "/usr/bin:/bin"])
        let result = try launcherWithCgroup().run(spec, iterations: 1)
        XCTAssertTrue(result.allSucceeded, result.stderrTail)
        let usage = try XCTUnwrap(result.iterations.first?.usage)
        XCTAssertLessThan(usage.maxRSSBytes, 100 * Self.mib)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.cgroupPeakBytes), 128 * Self.mib)
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
}

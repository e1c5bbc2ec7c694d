import BenchHistory
import BenchModel
import XCTest

final class MachineProbeTests: XCTestCase {
    func testValuesAreSane() {
        let machine = MachineProbe.current()
        XCTAssertFalse(machine.hostname.isEmpty)
        XCTAssertFalse(machine.os.isEmpty)
        XCTAssertFalse(machine.os.contains("\""), machine.os)
        XCTAssertTrue(machine.kernel.first?.isNumber ?? false, machine.kernel)
        XCTAssertFalse(machine.cpuModel.isEmpty)
        XCTAssertGreaterThanOrEqual(machine.cores, 1)
        XCTAssertLessThan(machine.cores, 4096)
        XCTAssertGreaterThan(machine.memoryBytes, 256 << 20)
        XCTAssertEqual(machine.swiftVersion, "6.3")
        #if os(Linux)
            XCTAssertNotEqual(machine.cpuModel, "unknown")
            XCTAssertEqual(machine.kernel, try String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        #endif
    }
}

final class GitProbeTests: XCTestCase {
    private func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments)")
    }

    func testReadsCommitBranchDirtyAndSubject() throws {
        let repo = try temporaryFolder(self)
        try git(["init", "-q", "-b", "feature/x"], in: repo)
        try git(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty",
                 "-m", "Make <it> fast & \"safe\""], in: repo)

        let clean = try XCTUnwrap(GitProbe.current(in: repo.path, environment: [:]))
        XCTAssertEqual(clean.commit?.count, 40)
        XCTAssertTrue(clean.commit?.allSatisfy(\.isHexDigit) ?? false)
        XCTAssertEqual(clean.branch, "feature/x")
        XCTAssertEqual(clean.dirty, false)
        XCTAssertEqual(clean.subject, "Make <it> fast & \"safe\"")

        try Data("x".utf8).write(to: repo.appendingPathComponent("new.txt"))
        let dirty = try XCTUnwrap(GitProbe.current(in: repo.path, environment: [:]))
        XCTAssertEqual(dirty.dirty, true)
        XCTAssertEqual(dirty.commit, clean.commit)

        let ci = GitProbe.current(in: repo.path, environment: ["GITHUB_HEAD_REF": "pr-branch", "GITHUB_REF_NAME": "12/merge"])
        XCTAssertEqual(ci?.branch, "pr-branch")
        let push = GitProbe.current(in: repo.path, environment: ["GITHUB_HEAD_REF": "", "GITHUB_REF_NAME": "main"])
        XCTAssertEqual(push?.branch, "main")
    }

    func testRepositoryWithoutCommits() throws {
        let repo = try temporaryFolder(self)
        try git(["init", "-q", "-b", "main"], in: repo)
        let info = try XCTUnwrap(GitProbe.current(in: repo.path, environment: [:]))
        XCTAssertNil(info.commit)
        XCTAssertNil(info.subject)
        XCTAssertEqual(info.branch, "main")
    }

    func testOutsideARepositoryIsNil() throws {
        let folder = try temporaryFolder(self)
        XCTAssertNil(GitProbe.current(in: folder.path, environment: [:]))
        XCTAssertNil(GitProbe.current(in: folder.appendingPathComponent("missing").path, environment: [:]))
    }
}

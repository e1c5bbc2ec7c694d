import Foundation
import XCTest

/// scripts/push-history.sh with a pack from the real `benchboard pack`: the pack lands and the
/// run files it holds leave the data branch in the same commit; a pack whose name the branch
/// already holds with other bytes is left out, so its runs stay run files there.
final class PushHistoryPackTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func bash(_ script: String, in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GITHUB_") || key.hasPrefix("BB_") { environment.removeValue(forKey: key) }
        for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { environment[key] = "Test" }
        for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { environment[key] = "test@example.invalid" }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        let log = directory.appending(path: ".log-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    func testAPackReplacesItsRunFilesOnTheBranchAndAClashingPackIsLeftOut() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let script = Self.repository.appending(path: "scripts/push-history.sh").path
        let generator = Self.repository.appending(path: "Benchmarks/scripts/make_history.py").path
        let setup = try bash(
            """
            set -e
            git init -q --bare -b main remote.git
            git init -q -b main seed && cd seed && echo "# project" > README.md && git add . && git commit -qm seed
            git push -q ../remote.git main && cd ..
            git clone -q remote.git a && git clone -q remote.git b
            python3 '\(generator)' h 150 2 1 >/dev/null
            '\(script)' --repo a h/*.json
            '\(CLIHarness.benchboard)' pack --history h --keep 0
            """, in: cli.directory)
        XCTAssertEqual(setup.status, 0, setup.output)
        XCTAssertTrue(setup.output.contains("packed 124 runs of 2026-01 into h/pack-2026-01-1.jsonl.gz"), setup.output)
        let tree = "git --git-dir=remote.git ls-tree --name-only -r benchboard-data"
        XCTAssertEqual(try bash(tree, in: cli.directory).output.split(separator: "\n").count, 150)

        let push = try bash("'\(script)' --repo a h/pack-2026-01-1.jsonl.gz", in: cli.directory)
        XCTAssertEqual(push.status, 0, push.output)
        let files = try bash(tree, in: cli.directory).output.split(separator: "\n").map(String.init)
        XCTAssertEqual(files.count, 27, "the pack and February's 26 run files: \(files)")
        XCTAssertTrue(files.contains("history/pack-2026-01-1.jsonl.gz"))
        XCTAssertFalse(files.contains { $0.hasPrefix("history/202601") }, "January's run files left the branch with the pack")
        let local = try FileManager.default.contentsOfDirectory(atPath: cli.directory.appending(path: "h").path).sorted()
        XCTAssertEqual(files.map { String($0.dropFirst("history/".count)) }.sorted(), local.filter { !$0.hasPrefix(".") })

        // Another job's pack of other runs under the same name: left out, nothing changes.
        let clash = try bash(
            "mkdir other && echo '{}' | gzip -n > other/pack-2026-01-1.jsonl.gz && '\(script)' --repo b other/pack-2026-01-1.jsonl.gz",
            in: cli.directory)
        XCTAssertEqual(clash.status, 0, clash.output)
        XCTAssertTrue(clash.output.contains("this pack is left out and its runs stay run files"), clash.output)
        XCTAssertTrue(clash.output.contains("nothing new"), clash.output)
        XCTAssertEqual(try bash(tree, in: cli.directory).output.split(separator: "\n").map(String.init), files)
        let again = try bash("'\(script)' --repo b h/pack-2026-01-1.jsonl.gz", in: cli.directory)
        XCTAssertTrue(again.output.contains("nothing new"), again.output)
    }
}

import Foundation
import PlatformSupport
import XCTest

/// Nothing a benchmark starts outlives it, whatever happens to benchboard or its launcher, and a
/// run cut short by a signal or a closed stdout is still stored. Each test spawns the real thing:
/// benchboard, its launcher and hostile fixtures that write their pids to a file.
final class ContainmentCLITests: XCTestCase {
    override func setUpWithError() throws {
        try skipWithoutIsolation()
    }

    private var fixture: String { tomlString(CLIHarness.fixture) }

    private func pids(in file: URL) -> [Int32] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int32($0) }
    }

    private func waitFor(seconds: Double = 20, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(), Date() < deadline { usleep(20_000) }
    }

    /// Every pid is gone (not even a zombie) after a bounded wait.
    private func assertNoneSurvive(_ pids: [Int32], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(pids.isEmpty, "the fixture should have written its pids", file: file, line: line)
        let alive = { pids.filter { kill($0, 0) == 0 || errno != ESRCH } }
        waitFor(seconds: 5) { alive().isEmpty }
        XCTAssertEqual(alive(), [], "processes of the benchmark outlived it", file: file, line: line)
    }

    /// Starts `wrapper + [benchboard] + arguments` in the harness folder, output to files.
    private func startWrapped(_ cli: CLIHarness, _ wrapper: [String], _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrapper[0])
        process.arguments = Array(wrapper.dropFirst()) + [CLIHarness.benchboard] + arguments
        process.currentDirectoryURL = cli.directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "BENCHMARK_ISOLATION")
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func requireTool(_ path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw XCTSkip("\(path) is not installed") }
    }

    /// GNU `timeout` sends SIGTERM to benchboard and then to its whole process group, launcher
    /// included, while a setsid fork bomb (127 processes, each in its own session) runs.
    func testGroupSigtermFromTimeoutKillsASetsidForkBombAndKeepsTheRun() throws {
        try requireTool("/usr/bin/timeout")
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let pidFile = cli.directory.appending(path: "bomb.pids")
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1

            [[benchmark]]
            name = "quick"
            command = [\(fixture), "true"]

            [[benchmark]]
            name = "bomb"
            command = [\(fixture), "bomb", \(tomlString(pidFile.path)), "6", "60000"]
            timeout_ms = 120000
            """)
        // timeout forwards a SIGTERM it gets to its child and then to the whole group, as on expiry.
        let process = try startWrapped(cli, ["/usr/bin/timeout", "--preserve-status", "120"], ["run", "--no-report"])
        waitFor { pids(in: pidFile).count == 127 }
        XCTAssertEqual(pids(in: pidFile).count, 127)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 130)
        let run = try XCTUnwrap(cli.historyRuns().first, "the run file must be written")
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["quick"])
        assertNoneSurvive(pids(in: pidFile))
    }

    /// SIGHUP (a closed terminal) and SIGINT (Ctrl-C) to the whole group, with a child that ignores
    /// TERM, HUP and INT: it is SIGKILLed after its grace period, the run is stored, benchboard
    /// exits 130.
    func testGroupSighupAndSigintWithASignalIgnoringChild() throws {
        try requireTool("/usr/bin/setsid")
        try groupSignal(SIGHUP)
        try groupSignal(SIGINT)
    }

    private func groupSignal(_ signal: Int32) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let pidFile = cli.directory.appending(path: "stubborn.pids")
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1

            [[benchmark]]
            name = "quick"
            command = [\(fixture), "true"]

            [[benchmark]]
            name = "stubborn"
            command = [\(fixture), "term-ignoring", \(tomlString(pidFile.path)), "20000"]
            timeout_ms = 120000
            grace_ms = 200
            """)
        // setsid(1) starts benchboard as the leader of a new session and process group (forking
        // first when it is a group leader itself; -w waits and passes on the exit status).
        let process = try startWrapped(cli, ["/usr/bin/setsid", "-w"], ["run", "--no-report"])
        waitFor { pids(in: pidFile).count == 1 }
        let leader = children(of: process.processIdentifier).first ?? process.processIdentifier
        XCTAssertEqual(getpgid(leader), leader)
        kill(-leader, signal)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 130)
        let run = try XCTUnwrap(cli.historyRuns().first, "the run file must be written")
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["quick"])
        assertNoneSurvive(pids(in: pidFile))
    }

    /// The launcher SIGKILLed (the OOM killer's choice, say) while a child and its setsid'ed
    /// grandchildren run: they die, the benchmark is an error, and the next one runs normally.
    /// Twice: with the launcher's cgroup v2 folder (cgroup.kill), and without cgroups at all
    /// (BENCHBOARD_CGROUPS=0), where benchboard as subreaper inherits the orphans and kills them.
    func testLauncherKilledMidRunLeavesNothingAndTheRunGoesOn() throws {
        try launcherKilledMidRun(environment: [:])
        try launcherKilledMidRun(environment: ["BENCHBOARD_CGROUPS": "0"])
    }

    private func launcherKilledMidRun(environment: [String: String]) throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let pidFile = cli.directory.appending(path: "family.pids")
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1

            [[benchmark]]
            name = "family"
            command = [\(fixture), "family", \(tomlString(pidFile.path)), "3", "60000"]
            timeout_ms = 120000

            [[benchmark]]
            name = "after"
            command = [\(fixture), "true"]
            """)
        let (process, _, _) = try cli.start(["run", "--no-report"], environment: environment)
        waitFor { pids(in: pidFile).count == 4 }
        XCTAssertEqual(pids(in: pidFile).count, 4)
        let launcher = try XCTUnwrap(children(of: process.processIdentifier).first { commandLine(of: $0).contains("benchboard-launcher") })
        kill(launcher, SIGKILL)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 1)
        let run = try XCTUnwrap(cli.historyRuns().first)
        let outcomes = try run.benchmarks().map { "\($0["name"] ?? "") \($0["outcome"] ?? "")" }
        XCTAssertEqual(outcomes, ["family error", "after ok"])
        assertNoneSurvive(pids(in: pidFile))
    }

    /// Each limit in one run: its own outcome `limit` naming the limit, the mechanism recorded, and
    /// the next benchmark unaffected. (max_open_files is an rlimit the kernel keeps no count of: the
    /// program fails its own way and the record says the limit was in force.)
    func testLimitsGiveTheirOwnOutcomeAndTheNextBenchmarkRunsNormally() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let pidFile = cli.directory.appending(path: "bomb.pids")
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1
            max_open_files = 1000

            [[benchmark]]
            name = "hog"
            command = [\(fixture), "hog", "256"]
            max_memory_mb = 48

            [[benchmark]]
            name = "bomb"
            command = [\(fixture), "bomb", \(tomlString(pidFile.path)), "6", "500"]
            max_processes = 12

            [[benchmark]]
            name = "flood"
            command = [\(fixture), "flood", "400"]
            max_output_mb = 1.5

            [[benchmark]]
            name = "files"
            command = [\(fixture), "fds", "100"]
            max_open_files = 20

            [[benchmark]]
            name = "after"
            command = [\(fixture), "hog", "64"]
            """)
        let result = try cli.run(["run", "--no-report"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let run = try XCTUnwrap(cli.historyRuns().first)
        let byName = Dictionary(uniqueKeysWithValues: try run.benchmarks().map { ($0["name"] as? String ?? "", $0) })
        func mechanism(_ name: String, _ resource: String) -> String? {
            let limits = byName[name]?["limits"] as? [[String: Any]]
            return limits?.first { $0["resource"] as? String == resource }?["mechanism"] as? String
        }

        let memoryMechanism = try XCTUnwrap(mechanism("hog", "memory"))
        if memoryMechanism.hasPrefix("cgroup") {
            XCTAssertEqual(byName["hog"]?["outcome"] as? String, "limit")
            XCTAssertEqual(byName["hog"]?["limitHit"] as? String, "memory")
        } else {
            XCTAssertEqual(memoryMechanism, "RLIMIT_DATA")
            XCTAssertEqual(byName["hog"]?["outcome"] as? String, "failed")
        }
        if mechanism("bomb", "processes") == "cgroup v1 pids.max" {
            XCTAssertEqual(byName["bomb"]?["limitHit"] as? String, "processes")
        }
        XCTAssertLessThanOrEqual(pids(in: pidFile).count, 12)
        XCTAssertEqual(byName["flood"]?["outcome"] as? String, "limit")
        XCTAssertEqual(byName["flood"]?["limitHit"] as? String, "output")
        XCTAssertEqual(mechanism("flood", "output"), "output drain")
        XCTAssertEqual(byName["files"]?["outcome"] as? String, "failed")
        XCTAssertEqual(mechanism("files", "openFiles"), "RLIMIT_NOFILE")
        XCTAssertEqual((byName["files"]?["limits"] as? [[String: Any]])?.count, 1, "[[benchmark]] replaces [defaults]")
        XCTAssertEqual(byName["after"]?["outcome"] as? String, "ok")
        XCTAssertTrue(result.stdout.contains("over a limit"), result.stdout)
        assertNoneSurvive(pids(in: pidFile))
    }

    /// `benchboard run | head -n 1`: stdout closes after the first line; SIGPIPE must not kill
    /// benchboard before the run is stored.
    func testClosedStdoutDoesNotLoseTheRun() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 1

            [[benchmark]]
            name = "a"
            command = [\(fixture), "true"]

            [[benchmark]]
            name = "b"
            command = [\(fixture), "sleep", "300"]

            [[benchmark]]
            name = "c"
            command = [\(fixture), "true"]
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" run --no-report | head -n 1", CLIHarness.benchboard]
        process.currentDirectoryURL = cli.directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // The shell returns when head does; benchboard may still be finishing.
        waitFor { cli.historyFileNames().count == 1 }
        let run = try XCTUnwrap(cli.historyRuns().first, "the run file must be written")
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["a", "b", "c"])
    }

    private func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    private func commandLine(of pid: Int32) -> String {
        let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

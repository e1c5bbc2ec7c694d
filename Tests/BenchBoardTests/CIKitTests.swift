import Foundation
import XCTest

/// The GitHub Action, its example workflows and its scripts, run for real outside GitHub.
final class CIKitTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private struct Shell {
        var status: Int32
        var output: String
    }

    /// Runs a bash script with `environment` added; stdout and stderr together, through a file.
    private func bash(_ script: String, in directory: URL, environment extra: [String: String] = [:]) throws -> Shell {
        let process = try startBash(script, in: directory, environment: extra)
        process.process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: process.log) }
        return Shell(status: process.process.terminationStatus, output: (try? String(contentsOf: process.log, encoding: .utf8)) ?? "")
    }

    private func startBash(_ script: String, in directory: URL, environment extra: [String: String] = [:]) throws -> (process: Process, log: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GITHUB_") || key.hasPrefix("BB_") { environment.removeValue(forKey: key) }
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        // Outside `directory`, which may be the repository itself.
        let log = FileManager.default.temporaryDirectory.appending(path: "benchboard-cikit-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    private func tool(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// action.yml and every example workflow validate against the published schemas (SchemaStore's,
    /// built into check-jsonschema); a broken copy is refused, so the check is not a no-op.
    func testActionAndWorkflowsMatchThePublishedSchemas() throws {
        guard let checker = tool("check-jsonschema") else {
            throw XCTSkip("check-jsonschema is not installed (pip install check-jsonschema); schema validation skipped")
        }
        let workflows = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appending(path: "examples/workflows").path)
            .filter { $0.hasSuffix(".yml") }.sorted()
        XCTAssertGreaterThanOrEqual(workflows.count, 2)
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let valid = try bash(
            "\(checker) --builtin-schema vendor.github-actions action.yml && "
                + "\(checker) --builtin-schema vendor.github-workflows " + workflows.map { "examples/workflows/\($0)" }.joined(separator: " "),
            in: Self.repository)
        XCTAssertEqual(valid.status, 0, valid.output)

        // The same action with a composite `run` step that lacks its required `shell`.
        let action = try String(contentsOf: Self.repository.appending(path: "action.yml"), encoding: .utf8)
        try cli.write("broken.yml", action.replacingOccurrences(of: "      shell: bash\n", with: ""))
        let broken = try bash("\(checker) --builtin-schema vendor.github-actions broken.yml", in: cli.directory)
        XCTAssertNotEqual(broken.status, 0, broken.output)
    }

    /// A bare repository whose pre-receive hook holds every push for a moment, so concurrent
    /// pushers really race; and a clone of it per pusher.
    private func makeRemote(in cli: CLIHarness, clones: [String]) throws {
        let setup = try bash(
            """
            set -e
            git init -q --bare -b main remote.git
            printf '#!/bin/sh\\nsleep 1\\n' > remote.git/hooks/pre-receive
            chmod +x remote.git/hooks/pre-receive
            git init -q -b main seed && cd seed && echo "# project" > README.md && git add . && git commit -qm seed
            git push -q ../remote.git main && cd ..
            for clone in \(clones.joined(separator: " ")); do git clone -q remote.git "$clone"; done
            """, in: cli.directory)
        XCTAssertEqual(setup.status, 0, setup.output)
    }

    /// Two jobs push a run each to a history branch that does not exist yet, at the same moment:
    /// one wins, the other fetches, rebases and pushes again; both runs land. A re-run adds nothing.
    func testConcurrentPushersBothLand() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try makeRemote(in: cli, clones: ["a", "b"])
        try cli.write("run-a.json", "{\"id\": \"a\"}\n")
        try cli.write("run-b.json", "{\"id\": \"b\"}\n")
        let script = Self.repository.appending(path: "scripts/push-history.sh").path
        let first = try startBash("'\(script)' --repo a run-a.json", in: cli.directory)
        let second = try startBash("'\(script)' --repo b run-b.json", in: cli.directory)
        first.process.waitUntilExit()
        second.process.waitUntilExit()
        let logs = try [first.log, second.log].map { try String(contentsOf: $0, encoding: .utf8) }
        for log in [first.log, second.log] { try? FileManager.default.removeItem(at: log) }
        XCTAssertEqual(first.process.terminationStatus, 0, logs[0])
        XCTAssertEqual(second.process.terminationStatus, 0, logs[1])
        XCTAssertTrue(logs.contains { $0.contains("retrying") }, "one pusher lost the race and retried: \(logs)")

        let files = try bash("git --git-dir=remote.git ls-tree --name-only -r benchboard-data", in: cli.directory)
        XCTAssertEqual(files.output.split(separator: "\n").sorted(), ["history/run-a.json", "history/run-b.json"], files.output)
        let main = try bash("git --git-dir=remote.git ls-tree --name-only -r main", in: cli.directory)
        XCTAssertEqual(main.output, "README.md\n", "the history branch shares nothing with the code")

        let again = try bash("'\(script)' --repo a run-a.json", in: cli.directory)
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("already on benchboard-data"), again.output)
        let count = try bash("git --git-dir=remote.git rev-list --count benchboard-data", in: cli.directory)
        XCTAssertEqual(count.output, "2\n")
        let local = try bash("git -C a status --porcelain; git -C a branch --format='%(refname:short)'", in: cli.directory)
        XCTAssertEqual(local.output, "main\n", "the clone's work tree and branches are untouched")

        let bad = try bash("'\(script)' --repo a --dir ../escape run-a.json; echo \"rc=$?\"", in: cli.directory)
        XCTAssertTrue(bad.output.contains("rc=2"), bad.output)
    }

    /// push-history.sh sends BENCHBOARD_PUSH_TOKEN as the Basic credentials GitHub takes
    /// (x-access-token) on its own fetch and push, and writes it nowhere: a clone without stored
    /// credentials (`persist-credentials: false`) can push. The remote is a local HTTP server
    /// that records what it was sent.
    func testPushSendsTheTokenAsAHeaderOfThatCommandOnly() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try makeRemote(in: cli, clones: ["job"])
        try cli.write("run.json", "{\"id\": \"a\"}\n")
        let state = cli.directory.appending(path: "server.json")
        try JSONSerialization.data(withJSONObject: ["token": "unused"]).write(to: state)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", Self.repository.appending(path: "Tests/Fixtures/fake-github/fake_github.py").path, state.path, "--lifetime", "60"]
        let port = Pipe()
        server.standardOutput = port
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var line = Data()
        while let byte = try port.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 { line.append(first) }
        let remote = "http://127.0.0.1:\(String(decoding: line, as: UTF8.self))/octo-org/project.git"
        let token = "ghs_pushtoken123"
        let script = Self.repository.appending(path: "scripts/push-history.sh").path
        let push = try bash(
            "'\(script)' --repo job --remote '\(remote)' run.json", in: cli.directory,
            environment: ["BENCHBOARD_PUSH_ATTEMPTS": "1", "GIT_TERMINAL_PROMPT": "0",
                          "BENCHBOARD_PUSH_TOKEN": token])
        XCTAssertEqual(push.status, 1, "the server refuses every push: \(push.output)")
        let requests = try XCTUnwrap(
            (JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any])?["requests"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(requests.count, 2, "a fetch and a push: \(requests)")
        let expected = "basic " + Data("x-access-token:\(token)".utf8).base64EncodedString()
        XCTAssertTrue(requests.allSatisfy { $0["authorization"] as? String == expected }, "\(requests)")
        XCTAssertTrue(requests.contains { ($0["path"] as? String)?.contains("git-receive-pack") == true }, "\(requests)")
        let stored = try bash("cat job/.git/config; git -C job config --list --show-origin", in: cli.directory)
        XCTAssertFalse(stored.output.contains(token) || stored.output.lowercased().contains("extraheader"), stored.output)
        XCTAssertFalse(push.output.contains(token), push.output)
    }

    /// The action's script, step by step, as a push job (fetch, run, push the run to the data
    /// branch, render) and then as a pull-request job in another clone (fetch the history, run
    /// against the base branch, job summary). ActionStepsTests runs the same steps from action.yml.
    func testActionRecordsOnPushAndComparesOnPullRequest() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try makeRemote(in: cli, clones: ["push-job", "pr-job"])
        let config = """
            [defaults]
            warmup = 0
            iterations = 3
            [report]
            regression_threshold = "1000%"
            memory_threshold = "1000%"
            cpu_threshold = "1000%"
            [[benchmark]]
            name = "true <&> \\"quoted\\""
            command = ["/bin/true"]
            """
        for job in ["push-job", "pr-job"] {
            try cli.write("\(job)/config.toml", config)
        }
        let script = Self.repository.appending(path: "scripts/benchboard-action.sh").path
        let common = ["BB_BIN": CLIHarness.productsDirectory.path, "BB_PACKAGE_PATH": ".", "BB_COMMENT": "false"]
        func step(_ name: String, _ job: String, _ environment: [String: String]) throws -> Shell {
            try bash("'\(script)'", in: cli.directory.appending(path: job),
                     environment: common.merging(environment.merging(["BB_STEP": name]) { $1 }) { $1 })
        }

        let pushEnvironment = ["GITHUB_EVENT_NAME": "push", "GITHUB_REF_NAME": "main",
                               "GITHUB_OUTPUT": cli.directory.appending(path: "push-output").path]
        XCTAssertEqual(try step("fetch", "push-job", pushEnvironment).status, 0)
        let push = try step("run", "push-job", pushEnvironment)
        XCTAssertEqual(push.status, 0, push.output)
        let outputs = try String(contentsOf: cli.directory.appending(path: "push-output"), encoding: .utf8)
        XCTAssertTrue(outputs.contains("pages-dir=\(cli.directory.appending(path: "push-job/output").path)"), outputs)
        let runFile = try XCTUnwrap(outputs.split(separator: "\n").first { $0.hasPrefix("run-file=") }?.dropFirst("run-file=".count))
        let pushStep = try step("push", "push-job", pushEnvironment.merging(["BB_RUN_FILES": "\(runFile)\n"]) { $1 })
        XCTAssertEqual(pushStep.status, 0, pushStep.output)
        let pushed = try bash("git --git-dir=remote.git ls-tree --name-only -r benchboard-data", in: cli.directory)
        XCTAssertEqual(pushed.output.split(separator: "\n").count, 1, pushed.output)
        XCTAssertTrue(pushed.output.hasPrefix("history/") && pushed.output.hasSuffix(".json\n"), pushed.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.directory.appending(path: "push-job/output/index.html").path))

        let summary = cli.directory.appending(path: "step-summary.md")
        let prOutputs = cli.directory.appending(path: "pr-output")
        let prEnvironment = ["GITHUB_EVENT_NAME": "pull_request", "GITHUB_HEAD_REF": "feature",
                             "BB_BASE_BRANCH": "main", "BB_FAIL_ON_REGRESSION": "true",
                             "GITHUB_STEP_SUMMARY": summary.path, "GITHUB_OUTPUT": prOutputs.path]
        let fetch = try step("fetch", "pr-job", prEnvironment)
        XCTAssertTrue(fetch.output.contains("1 run files in the history after fetching benchboard-data"), fetch.output)
        let pr = try step("run", "pr-job", prEnvironment)
        XCTAssertEqual(pr.status, 0, pr.output)
        // compare branch:main judged the run against the pushed one (no regression at 1000 %).
        XCTAssertTrue(try String(contentsOf: prOutputs, encoding: .utf8).contains("regressed=false\n"), pr.output)
        let history = try FileManager.default.contentsOfDirectory(atPath: cli.directory.appending(path: "pr-job/output/history").path)
        XCTAssertEqual(history.filter { $0.hasSuffix(".json") }.count, 2, "the pushed run plus this one")
        let text = try String(contentsOf: summary, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("<!-- benchboard-summary -->"), text)
        let prPush = try step("push", "pr-job", prEnvironment.merging(["BB_RUN_FILES": "\(runFile)\n"]) { $1 })
        XCTAssertEqual(prPush.status, 0, prPush.output)
        let after = try bash("git --git-dir=remote.git ls-tree --name-only -r benchboard-data | wc -l", in: cli.directory)
        XCTAssertEqual(after.output.trimmingCharacters(in: .whitespacesAndNewlines), "1", "a pull request never pushes its run")
    }

    /// Shard jobs of a matrix: a shard runs its part and names its run file; a shard left with no
    /// benchmark succeeds without one.
    func testShardJobsOfAMatrix() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", "[defaults]\nwarmup = 0\niterations = 2\n[[benchmark]]\nname = \"only\"\ncommand = [\"/bin/true\"]\n")
        let script = Self.repository.appending(path: "scripts/benchboard-action.sh").path
        var outputs: [String] = []
        for shard in ["1/2", "2/2"] {
            let output = cli.directory.appending(path: "output-\(shard.prefix(1))")
            let job = try bash(
                "'\(script)'", in: cli.directory,
                environment: ["BB_BIN": CLIHarness.productsDirectory.path, "BB_PACKAGE_PATH": ".", "BB_MODE": "shard",
                              "BB_SHARD": shard, "GITHUB_OUTPUT": output.path])
            XCTAssertEqual(job.status, 0, job.output)
            outputs.append((try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
        XCTAssertTrue(outputs[0].hasPrefix("run-file=\(cli.directory.path)/output/history/"), outputs[0])
        XCTAssertEqual(outputs[1], "", "the empty shard names no run file")
        XCTAssertEqual(cli.historyFileNames().count, 1)
    }
    /// benchboard dies mid-run in a job (an in-process benchmark crashes it): the job has no next
    /// run, so the action stores the journal at once, and reports and names the interrupted run,
    /// while the job still fails.
    func testActionRecoversARunThatDied() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", """
            [features]
            isolated_benchmarks = false
            [defaults]
            warmup = 0
            iterations = 2
            [[benchmark]]
            name = "noop"
            swift = "noop"
            [[benchmark]]
            name = "crash"
            swift = "crash-sigsegv"
            """)
        let script = Self.repository.appending(path: "scripts/benchboard-action.sh").path
        let outputs = cli.directory.appending(path: "job-output")
        let job = try bash(
            "'\(script)'", in: cli.directory,
            environment: ["BB_BIN": CLIHarness.productsDirectory.path, "BB_PACKAGE_PATH": ".", "BB_MODE": "record",
                          "BB_PUSH": "false", "GITHUB_OUTPUT": outputs.path])
        XCTAssertNotEqual(job.status, 0, "the crash still fails the job: \(job.output)")
        let run = try XCTUnwrap(try cli.historyRuns().first, job.output)
        XCTAssertEqual(run["interrupted"] as? Bool, true)
        XCTAssertEqual(try run.benchmarks().map { $0["name"] as? String }, ["noop"])
        let written = (try? String(contentsOf: outputs, encoding: .utf8)) ?? ""
        XCTAssertTrue(written.contains("run-file=\(cli.directory.path)/output/history/"), written)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.directory.appending(path: "output/index.html").path))
    }

    /// The action's closing step (`if: always()`, BB_STEP=recover) stores a journal left by a
    /// bench step that was killed, and does nothing harmful when there is none or no build.
    func testActionRecoverStepStoresAJournalLeftBehind() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 2
            [[benchmark]]
            name = "noop"
            swift = "noop"
            [[benchmark]]
            name = "crash"
            swift = "crash-sigsegv"
            """)
        let crashed = try cli.run(["run", "--no-report", "--no-isolation"])
        XCTAssertNotEqual(crashed.status, 0)
        XCTAssertEqual(cli.historyFileNames(), [])
        let script = Self.repository.appending(path: "scripts/benchboard-action.sh").path
        let environment = ["BB_BIN": CLIHarness.productsDirectory.path, "BB_PACKAGE_PATH": ".", "BB_MODE": "record",
                           "BB_PUSH": "false", "BB_STEP": "recover"]
        let step = try bash("'\(script)'", in: cli.directory, environment: environment)
        XCTAssertEqual(step.status, 0, step.output)
        XCTAssertTrue(step.output.contains("Recovered run"), step.output)
        XCTAssertEqual(try cli.historyRuns().first?["interrupted"] as? Bool, true)
        let again = try bash("'\(script)'", in: cli.directory, environment: environment)
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertEqual(cli.historyFileNames().count, 1)
        let unbuilt = try bash(
            "'\(script)'", in: cli.directory,
            environment: environment.merging(["BB_BIN": cli.directory.appending(path: "no-build").path]) { $1 })
        XCTAssertEqual(unbuilt.status, 0, unbuilt.output)
    }
}

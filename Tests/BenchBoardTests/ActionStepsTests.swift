import Foundation
import PlatformSupport
import XCTest

/// The action's steps, run as GitHub's runner runs them: each step with the environment
/// action.yml gives it (read from action.yml itself by Tests/Fixtures/action-runner), against a
/// local bare repository as `origin` and the fake GitHub API. The benchmark is hostile: it looks
/// for the token everywhere it can read, and leaves a setsid daemon behind that keeps looking.
final class ActionStepsTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")
    /// What a benchmark can look for without knowing the token: its prefix, and the start of the
    /// Basic credentials git sends (base64 of "x-access-token:").
    private static let tokenPrefix = "ghs_benchboardsecret_"
    private static let basicPrefix = "eC1hY2Nlc3MtdG9rZW46"

    var cli: CLIHarness!
    var token = ""
    var api: Process?
    var apiURL = ""
    var state: URL { cli.directory.appending(path: "github-state.json") }

    override func setUpWithError() throws {
        guard (try? shell("python3 -c 'import yaml'").status) == 0 else {
            throw XCTSkip("python3 with PyYAML is needed to read action.yml")
        }
        cli = try CLIHarness()
        token = Self.tokenPrefix + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let setup = try shell(
            """
            set -e
            git init -q --bare -b main remote.git
            git clone -q remote.git workspace 2>/dev/null
            cd workspace && echo '# project' > README.md && git add . && git commit -qm seed && git push -q origin main
            mkdir -p ../home ../temp
            """)
        XCTAssertEqual(setup.status, 0, setup.output)
        try cli.write("workspace/config.toml", """
            [defaults]
            warmup = 0
            iterations = 1
            [report]
            regression_threshold = "1000%"
            memory_threshold = "1000%"
            cpu_threshold = "1000%"
            [[benchmark]]
            name = "snoop"
            command = ["/bin/sh", \(tomlString(cli.directory.appending(path: "snoop.sh").path))]
            """)
        try writeSnoop()
    }

    override func tearDown() {
        // A daemon that escaped containment must not outlive the test.
        for pid in daemonPIDs() { kill(pid, SIGKILL) }
        if let api, api.isRunning { api.terminate(); api.waitUntilExit() }
        cli?.cleanUp()
    }

    /// The benchmark: searches every process's environment and command line, the checkout's
    /// .git/config and its own environment for the token, writes what it found, and leaves a
    /// daemon in its own session that keeps searching for as long as it lives. The patterns sit
    /// in a file, so no command line holds them and the search cannot find itself.
    func writeSnoop() throws {
        let directory = cli.directory.path
        try cli.write("patterns", "\(Self.tokenPrefix)\n\(Self.basicPrefix)\n")
        try cli.write("search.sh", """
            for f in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do
                tr '\\0' '\\n' <"$f" 2>/dev/null | grep -q -f '\(directory)/patterns' && echo "$f"
            done
            grep -i -f '\(directory)/patterns' -e extraheader -e authorization '\(directory)/workspace/.git/config' | sed 's|^|.git/config: |'
            env | grep -f '\(directory)/patterns' | sed 's|^|own environment: |'
            true
            """)
        try cli.write("daemon.sh", """
            echo $$ >>'\(directory)/daemon.pids'
            while :; do sh '\(directory)/search.sh' >>'\(directory)/daemon-found'; sleep 0.1; done
            """)
        try cli.write("snoop.sh", """
            sh '\(directory)/search.sh' >>'\(directory)/found'
            ls -d /proc/[0-9]*/environ | wc -l >>'\(directory)/searched'
            setsid sh '\(directory)/daemon.sh' </dev/null >/dev/null 2>&1 &
            sleep 0.3
            """)
    }

    func daemonPIDs() -> [pid_t] {
        guard let cli, let text = try? String(contentsOf: cli.directory.appending(path: "daemon.pids"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { pid_t($0) }
    }

    func tomlString(_ text: String) -> String { "\"\(text)\"" }

    struct Shell {
        var status: Int32
        var output: String
    }

    func shell(_ script: String) throws -> Shell {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        if let cli { process.currentDirectoryURL = cli.directory }
        let log = FileManager.default.temporaryDirectory.appending(path: "benchboard-action-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        return Shell(status: process.terminationStatus, output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Starts the fake GitHub API; `fail` makes every request of that method fail (a fork's
    /// read-only token gets 403s).
    func startAPI(fail: [String: Any] = [:]) throws {
        let scenario: [String: Any] = ["token": token, "comments": [], "fail": fail]
        try JSONSerialization.data(withJSONObject: scenario).write(to: state, options: .atomic)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.fixtures.appending(path: "fake-github/fake_github.py").path, state.path, "--lifetime", "300"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        api = process
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 { line.append(first) }
        let port = try XCTUnwrap(Int(String(decoding: line, as: UTF8.self)), "the fake API printed no port")
        apiURL = "http://127.0.0.1:\(port)"
    }

    func apiState() throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any])
    }

    struct Step {
        var id: String
        var status: Int?
        var seconds: Double
        var log: String
        var summary: String
        var outputs: [String: String]
        var env: [String: String]
    }

    struct Job {
        var steps: [Step]
        var after: [String: String]
        var failed: Bool
        var seconds: Double
        func step(_ id: String) -> Step? { steps.first { $0.id == id } }
        var log: String { steps.map { "--- \($0.id) (\($0.status.map(String.init) ?? "skipped"))\n\($0.log)" }.joined(separator: "\n") }
    }

    /// Runs action.yml's steps as one job. `inputs` are the workflow's `with:`; the token exists
    /// only in the expression tables (`github.token`, the `token` input's default), never in the
    /// job's environment. The `bb-bin` input, the test build's products, stands in for an installed
    /// benchboard, as a workflow's would.
    func runJob(event: String, inputs: [String: String] = [:], pull: Int? = nil, baseSHA: String? = nil,
                        workspace: String = "workspace", checkBetweenSteps: Bool = true) throws -> Job {
        let directory = cli.directory
        let workspaceURL = directory.appending(path: workspace)
        var github: [String: Any] = [
            "token": token, "workspace": workspaceURL.path, "event_name": event, "repository": "octo-org/project",
            "base_ref": pull == nil ? "" : "main",
            "event": ["repository": ["default_branch": "main"]],
        ]
        if let pull {
            var pullRequest: [String: Any] = ["number": pull]
            if let baseSHA { pullRequest["base"] = ["sha": baseSHA, "ref": "main"] }
            github["event"] = ["pull_request": pullRequest, "repository": ["default_branch": "main"]]
        }
        let environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.appending(path: "home").path,
            "RUNNER_TEMP": directory.appending(path: "temp").path,
            "GITHUB_WORKSPACE": workspaceURL.path,
            "GITHUB_EVENT_NAME": event,
            "GITHUB_REPOSITORY": "octo-org/project",
            "GITHUB_API_URL": apiURL.isEmpty ? "http://127.0.0.1:9" : apiURL,
            "GITHUB_REF_NAME": pull == nil ? "main" : "\(pull ?? 0)/merge",
            "GITHUB_HEAD_REF": pull == nil ? "" : "feature",
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "GIT_CONFIG_NOSYSTEM": "1",
            "NO_COLOR": "1",
        ]
        let inputs = inputs.merging(["bb-bin": CLIHarness.productsDirectory.path]) { given, _ in given }
        var job: [String: Any] = ["inputs": inputs, "github": github, "env": environment, "workspace": workspaceURL.path]
        if checkBetweenSteps {
            // Right after the benchmarks' step: is any daemon they started still alive?
            job["after"] = ["bench": "for p in $(cat '\(directory.path)/daemon.pids' 2>/dev/null); do "
                + "[ -d /proc/$p ] && ! grep -q '^State:.*Z' /proc/$p/status 2>/dev/null && echo \"alive $p\"; done; true"]
        }
        let jobFile = directory.appending(path: "job-\(UUID().uuidString).json")
        let resultFile = directory.appending(path: "result-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: job).write(to: jobFile)
        let started = Date()
        let run = try shell(
            "python3 '\(Self.fixtures.appending(path: "action-runner/run_action.py").path)' '\(Self.repository.path)' '\(jobFile.path)' '\(resultFile.path)'")
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(run.status, 0, run.output)
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: resultFile)) as? [String: Any])
        let steps = (result["steps"] as? [[String: Any]] ?? []).map { step in
            Step(id: step["id"] as? String ?? "", status: step["status"] as? Int, seconds: step["seconds"] as? Double ?? 0,
                 log: step["log"] as? String ?? "", summary: step["summary"] as? String ?? "",
                 outputs: step["outputs"] as? [String: String] ?? [:], env: step["env"] as? [String: String] ?? [:])
        }
        let outcome = Job(steps: steps, after: result["after"] as? [String: String] ?? [:], failed: result["failed"] as? Bool ?? true,
                          seconds: seconds)
        print("job \(event) \(inputs["mode"] ?? "auto"): \(String(format: "%.1f", seconds)) s ("
              + steps.filter { $0.status != nil }.map { "\($0.id) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", ") + ")")
        return outcome
    }

    /// What the benchmark and its daemon found, and that they searched at all.
    func assertNothingFound(_ job: Job, file: StaticString = #filePath, line: UInt = #line) throws {
        let searched = try String(contentsOf: cli.directory.appending(path: "searched"), encoding: .utf8)
        XCTAssertTrue(searched.split(separator: "\n").allSatisfy { (Int($0.trimmingCharacters(in: .whitespaces)) ?? 0) > 1 },
                      "the benchmark searched the other processes: \(searched)", file: file, line: line)
        let found = (try? String(contentsOf: cli.directory.appending(path: "found"), encoding: .utf8)) ?? ""
        XCTAssertEqual(found, "", "the benchmark found the token:\n\(found)\n\(job.log)", file: file, line: line)
        let daemonFound = (try? String(contentsOf: cli.directory.appending(path: "daemon-found"), encoding: .utf8)) ?? ""
        XCTAssertEqual(daemonFound, "", "the daemon found the token:\n\(daemonFound)", file: file, line: line)
        XCTAssertFalse(daemonPIDs().isEmpty, "the benchmark started its daemon", file: file, line: line)
        XCTAssertEqual(job.after["bench"] ?? "", "", "a daemon outlived the benchmarks' step", file: file, line: line)
        for step in job.steps where ["build", "bench", "recover"].contains(step.id) {
            XCTAssertFalse(step.env.values.contains { $0.contains(token) }, "\(step.id) holds the token: \(step.env.keys.sorted())",
                           file: file, line: line)
        }
        let config = try String(contentsOf: cli.directory.appending(path: "workspace/.git/config"), encoding: .utf8)
        XCTAssertFalse(config.lowercased().contains("extraheader") || config.contains(token), config, file: file, line: line)
    }

    /// A push to main: the run goes to the data branch through the push step, with the token as
    /// an HTTP header of that one command, and nothing in the benchmarks' reach holds it. Then a
    /// pull request: its run is compared with main's, the one comment is written with the token
    /// the comment step hands `benchboard comment`, and the PR's run is not pushed.
    func testTokenReachesOnlyPushAndCommentSteps() throws {
        // The benchmark's setsid daemon is ended by the launcher's containment.
        try skipWithoutIsolation()
        try startAPI()
        let push = try runJob(event: "push")
        XCTAssertFalse(push.failed, push.log)
        XCTAssertEqual(push.step("push")?.status, 0, push.log)
        XCTAssertTrue(push.step("push")?.log.contains("pushed to benchboard-data") == true, push.log)
        XCTAssertEqual(push.step("push")?.env["BB_TOKEN"], token, "the push step gets the token input")
        let pushed = try shell("git --git-dir=remote.git ls-tree --name-only -r benchboard-data")
        XCTAssertEqual(pushed.output.split(separator: "\n").count, 1, pushed.output)
        try assertNothingFound(push)

        let pr = try runJob(event: "pull_request", inputs: ["fail-on-regression": "true"], pull: 7)
        XCTAssertFalse(pr.failed, pr.log)
        XCTAssertEqual(pr.step("bench")?.outputs["regressed"], "false", pr.log)
        XCTAssertTrue(pr.step("fetch")?.log.contains("1 run files in the history after fetching benchboard-data") == true, pr.log)
        XCTAssertEqual(pr.step("comment")?.status, 0, pr.log)
        let comments = try XCTUnwrap(try apiState()["comments"] as? [[String: Any]])
        XCTAssertEqual(comments.count, 1, pr.log)
        XCTAssertTrue((comments.first?["body"] as? String)?.hasPrefix("<!-- benchboard-summary -->") == true)
        let requests = try XCTUnwrap(try apiState()["requests"] as? [[String: Any]])
        XCTAssertTrue(requests.allSatisfy { $0["authorization"] as? String == "Bearer \(token)" }, "\(requests)")
        // The job summary holds the summary once: the comment step writes it, the benchmarks' step does not.
        let summaries = pr.steps.map(\.summary).joined()
        XCTAssertEqual(summaries.components(separatedBy: "<!-- benchboard-summary -->").count, 2, summaries)
        XCTAssertEqual(pr.step("push")?.log ?? "", "", "a pull request pushes nothing")
        let after = try shell("git --git-dir=remote.git ls-tree --name-only -r benchboard-data | wc -l")
        XCTAssertEqual(after.output.trimmingCharacters(in: .whitespacesAndNewlines), "1", "a pull request never pushes its run")
        try assertNothingFound(pr)
    }

    /// A pull request from a fork: the token may read but not comment (403). The comment step
    /// puts the summary in the job summary with a notice and the job stays green.
    func testReadOnlyTokenFallsBackToTheJobSummary() throws {
        try skipWithoutIsolation()
        try startAPI(fail: ["GET": ["status": 403, "message": "Resource not accessible by integration"],
                            "POST": ["status": 403, "message": "Resource not accessible by integration"]])
        let pr = try runJob(event: "pull_request", pull: 9)
        XCTAssertFalse(pr.failed, pr.log)
        let comment = try XCTUnwrap(pr.step("comment"))
        XCTAssertEqual(comment.status, 0, pr.log)
        XCTAssertTrue(comment.log.contains("::notice"), comment.log)
        XCTAssertTrue(comment.log.contains("403"), comment.log)
        XCTAssertTrue(comment.summary.contains("could not comment on this pull request"), comment.summary)
        XCTAssertTrue(comment.summary.contains("workflow_run"), comment.summary)
        XCTAssertTrue(comment.summary.contains("<!-- benchboard-summary -->"), comment.summary)
        XCTAssertEqual(pr.steps.map(\.summary).joined().components(separatedBy: "<!-- benchboard-summary -->").count, 2)
        XCTAssertEqual(try XCTUnwrap(try apiState()["comments"] as? [[String: Any]]).count, 0)
        try assertNothingFound(pr)
    }

    /// A matrix: two shard jobs, then the merge job. On a pull request it merges and compares
    /// with main (comment, nothing pushed); on a push it merges and records.
    func testMatrixMergeComparesOnPullRequestsAndRecordsOnPushes() throws {
        try startAPI()
        try cli.write("workspace/config.toml", """
            [defaults]
            warmup = 0
            iterations = 2
            [report]
            regression_threshold = "1000%"
            memory_threshold = "1000%"
            cpu_threshold = "1000%"
            [[benchmark]]
            name = "one"
            command = ["/bin/true"]
            [[benchmark]]
            name = "two"
            command = ["/bin/true"]
            """)
        func shards(_ event: String, pull: Int?) throws -> String {
            let folder = cli.directory.appending(path: "shards-\(event)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for shard in ["1/2", "2/2"] {
                let job = try runJob(event: event, inputs: ["mode": "shard", "shard": shard], pull: pull, checkBetweenSteps: false)
                XCTAssertFalse(job.failed, job.log)
                XCTAssertEqual(job.step("push")?.log ?? "", "", "a shard pushes nothing")
                let file = try XCTUnwrap(job.step("bench")?.outputs["run-file"], job.log)
                // The artifact upload and download between the jobs.
                try FileManager.default.moveItem(at: URL(fileURLWithPath: file), to: folder.appending(path: "\(shard.prefix(1)).json"))
            }
            return folder.path + "/*.json"
        }
        let pushRuns = try shards("push", pull: nil)
        let record = try runJob(event: "push", inputs: ["mode": "merge", "runs": pushRuns], checkBetweenSteps: false)
        XCTAssertFalse(record.failed, record.log)
        XCTAssertTrue(record.step("push")?.log.contains("pushed to benchboard-data") == true, record.log)
        XCTAssertEqual(record.step("comment")?.log ?? "", "", "a push comments nowhere")

        try FileManager.default.removeItem(at: cli.directory.appending(path: "workspace/output"))
        let prRuns = try shards("pull_request", pull: 3)
        let compare = try runJob(event: "pull_request", inputs: ["mode": "merge", "runs": prRuns, "fail-on-regression": "true"],
                                 pull: 3, checkBetweenSteps: false)
        XCTAssertFalse(compare.failed, compare.log)
        XCTAssertEqual(compare.step("bench")?.outputs["regressed"], "false", compare.log)
        XCTAssertEqual(compare.step("push")?.log ?? "", "", "a pull request's merge pushes nothing")
        let comments = try XCTUnwrap(try apiState()["comments"] as? [[String: Any]])
        XCTAssertEqual(comments.count, 1, compare.log)
        let body = comments.first?["body"] as? String ?? ""
        XCTAssertTrue(body.contains("one") && body.contains("two"), body)
        let files = try shell("git --git-dir=remote.git ls-tree --name-only -r benchboard-data | wc -l")
        XCTAssertEqual(files.output.trimmingCharacters(in: .whitespacesAndNewlines), "1", "only the push's merged run is recorded")
    }
}

import Foundation
import XCTest

/// `benchboard comment` against a local imitation of the GitHub REST API (a Python http.server on
/// 127.0.0.1 that paginates with Link headers, creates, updates and fails on request).
final class CommentCommandTests: XCTestCase {
    private static let token = "ghs_test\"token\\with$quotes"

    /// The fake API, started per test and stopped when the test ends.
    private struct FakeGitHub {
        let process: Process
        let state: URL
        let url: String

        static func start(in cli: CLIHarness, scenario: [String: Any]) throws -> FakeGitHub {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appending(path: "Fixtures/fake-github/fake_github.py")
            let state = cli.directory.appending(path: "github-state.json")
            try write(scenario, to: state)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, state.path, "--lifetime", "60"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // The first line is the port it listens on.
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
                line.append(first)
            }
            let port = try XCTUnwrap(Int(String(decoding: line, as: UTF8.self)), "the fake API printed no port")
            return FakeGitHub(process: process, state: state, url: "http://127.0.0.1:\(port)")
        }

        /// Replaces the scenario (and forgets the requests) for the next command.
        func reset(_ scenario: [String: Any]) throws {
            try Self.write(scenario, to: state)
        }

        private static func write(_ scenario: [String: Any], to state: URL) throws {
            var scenario = scenario
            scenario["token"] = CommentCommandTests.token
            try JSONSerialization.data(withJSONObject: scenario).write(to: state, options: .atomic)
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        func read() throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any])
        }

        func comments() throws -> [[String: Any]] { try XCTUnwrap(read()["comments"] as? [[String: Any]]) }
        func requests() throws -> [[String: Any]] { (try read()["requests"] as? [[String: Any]]) ?? [] }
    }

    /// A PATH without curl (or anything else), as in the `swift` images, which remove the curl
    /// program: `comment` needs only `benchboard-github`, found next to benchboard.
    private static func pathWithoutCurl(_ cli: CLIHarness) throws -> String {
        let bin = cli.directory.appending(path: "bin-without-curl")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bin.appending(path: "curl").path))
        return bin.path
    }

    private func comment(_ cli: CLIHarness, _ api: FakeGitHub, extra: [String] = [], token: String? = token) throws -> CLIHarness.Result {
        var environment = ["GITHUB_API_URL": "http://unused.invalid", "PATH": try Self.pathWithoutCurl(cli)]
        environment["GITHUB_TOKEN"] = token ?? ""
        return try cli.run(
            ["comment", "--repository", "octo-org/hello.world", "--pull", "7", "--summary", "summary.md", "--api-url", api.url + "/"]
                + extra,
            environment: environment)
    }

    private func others(_ count: Int, from id: Int = 1) -> [[String: Any]] {
        (0..<count).map { ["id": id + $0, "body": "looks good \($0)"] }
    }

    /// No marker anywhere on three pages: one comment is created; the next run updates that same
    /// one, after reading every page again. The body arrives byte for byte.
    func testCreatesOnceThenUpdatesAcrossPages() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let api = try FakeGitHub.start(in: cli, scenario: ["comments": others(5), "page_size": 2])
        defer { api.stop() }
        let hostile = "<!-- benchboard-summary -->\n## Sort \"100k\" \\ <b>&amp;</b> \u{1}\ttab ✅ $HOME `x`\n" + String(repeating: "| a | b |\n", count: 5_000)
        try cli.write("summary.md", hostile)

        let first = try comment(cli, api)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("Created the summary comment on octo-org/hello.world#7"), first.stdout)
        var comments = try api.comments()
        XCTAssertEqual(comments.count, 6)
        XCTAssertEqual(comments.last?["body"] as? String, hostile)
        let created = try XCTUnwrap(comments.last?["id"] as? Int)

        try cli.write("summary.md", "<!-- benchboard-summary -->\nsecond run\n")
        let second = try comment(cli, api)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("Updated the summary comment"), second.stdout)
        comments = try api.comments()
        XCTAssertEqual(comments.count, 6, "never a second comment")
        XCTAssertEqual(comments.filter { ($0["body"] as? String)?.contains("benchboard-summary") == true }.count, 1)
        XCTAssertEqual(comments.last?["id"] as? Int, created)
        XCTAssertEqual(comments.last?["body"] as? String, "<!-- benchboard-summary -->\nsecond run\n")

        let requests = try api.requests()
        let methods = requests.map { "\($0["method"] ?? "") \($0["path"] ?? "")" }
        XCTAssertEqual(methods, [
            "GET /repos/octo-org/hello.world/issues/7/comments?per_page=100",
            "GET /repos/octo-org/hello.world/issues/7/comments?per_page=2&page=2",
            "GET /repos/octo-org/hello.world/issues/7/comments?per_page=2&page=3",
            "POST /repos/octo-org/hello.world/issues/7/comments",
            "GET /repos/octo-org/hello.world/issues/7/comments?per_page=100",
            "GET /repos/octo-org/hello.world/issues/7/comments?per_page=2&page=2",
            "GET /repos/octo-org/hello.world/issues/7/comments?per_page=2&page=3",
            "PATCH /repos/octo-org/hello.world/issues/comments/\(created)",
        ])
        XCTAssertTrue(requests.allSatisfy { $0["authorization"] as? String == "Bearer " + Self.token })
    }

    /// The marker on the last page is found; with two marked comments the first is updated, the
    /// other left alone, and the output says so. A summary without the marker gets it prepended.
    func testUpdatesTheFirstMarkedCommentAndWarnsAboutOthers() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        var comments = others(4)
        comments.append(["id": 50, "body": "<!-- benchboard-summary -->\nold"])
        comments.append(["id": 60, "body": "<!-- benchboard-summary -->\nstray"])
        let api = try FakeGitHub.start(in: cli, scenario: ["comments": comments, "page_size": 2])
        defer { api.stop() }
        try cli.write("summary.md", "new table\n")

        let result = try comment(cli, api)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("2 comments on octo-org/hello.world#7 hold"), result.stderr)
        let after = try api.comments()
        XCTAssertEqual(after.count, 6)
        XCTAssertEqual(after.first { $0["id"] as? Int == 50 }?["body"] as? String, "<!-- benchboard-summary -->\nnew table\n")
        XCTAssertEqual(after.first { $0["id"] as? Int == 60 }?["body"] as? String, "<!-- benchboard-summary -->\nstray")
        XCTAssertFalse(try api.requests().contains { $0["method"] as? String == "POST" })
    }

    /// 401, 404, 422 and an exhausted rate limit end with the API's message and exit 1.
    func testAPIErrorsEndWithTheAPIsMessage() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("summary.md", "<!-- benchboard-summary -->\nx\n")
        let cases: [(scenario: [String: Any], token: String, expected: [String])] = [
            ([:], "wrong", ["401", "Bad credentials", "GITHUB_TOKEN"]),
            (["fail": ["GET": ["status": 404, "message": "Not Found"]]], Self.token, ["404", "Not Found", "--repository"]),
            (["fail": ["POST": ["status": 422, "message": "Body is too long (maximum is 65536 characters)"]]], Self.token,
             ["422", "Body is too long (maximum is 65536 characters)"]),
            (["fail": ["GET": ["status": 403, "message": "API rate limit exceeded for installation ID 1.",
                               "headers": ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000000"]]]], Self.token,
             ["rate limit is used up (403)", "API rate limit exceeded for installation ID 1.", "2023-11-14T22:13:20Z"]),
            (["fail": ["PATCH": ["status": 403, "message": "You have exceeded a secondary rate limit.",
                                 "headers": ["retry-after": "60"]]], "comments": [["id": 3, "body": "<!-- benchboard-summary -->"]]],
             Self.token, ["secondary rate limit", "in 60 s"]),
            (["fail": ["GET": ["status": 404, "message": "gone\u{1B}[2J\nerror: forged"]]], Self.token,
             ["gone\\u{1B}[2J\\u{A}error: forged"]),
            (["fail": ["PATCH": ["status": 403, "message": "Resource not accessible by integration"]],
              "comments": [["id": 3, "body": "<!-- benchboard-summary -->"]]],
             Self.token, ["403", "Resource not accessible by integration", "pull-requests: write"]),
        ]
        let api = try FakeGitHub.start(in: cli, scenario: [:])
        defer { api.stop() }
        for (scenario, token, expected) in cases {
            try api.reset(scenario)
            let result = try comment(cli, api, token: token)
            XCTAssertEqual(result.status, 1, "\(scenario): \(result.stdout)")
            for text in expected {
                XCTAssertTrue(result.stderr.contains(text), "\(text) missing from: \(result.stderr)")
            }
            XCTAssertFalse(result.stderr.contains(Self.token), "the token never appears in messages")
            XCTAssertFalse(result.stderr.contains("\u{1B}"), "the API's text cannot repaint the terminal")
        }
    }

    /// A next page outside the API is not followed with the token.
    func testNextPageOnAnotherHostIsNotFollowed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("summary.md", "x\n")
        let api = try FakeGitHub.start(
            in: cli, scenario: ["comments": others(3), "page_size": 2, "next_url": "http://127.0.0.2:1/steal?page=2"])
        defer { api.stop() }
        let result = try comment(cli, api)
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("http://127.0.0.2:1/steal?page=2"), result.stderr)
        XCTAssertEqual(try api.requests().count, 1)
        XCTAssertEqual(try api.comments().count, 3)
    }

    /// Usage errors exit 2 before anything is sent.
    func testUsageErrorsExitTwo() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let api = try FakeGitHub.start(in: cli, scenario: [:])
        defer { api.stop() }
        let noToken = try comment(cli, api, token: nil)
        XCTAssertEqual(noToken.status, 2)
        XCTAssertTrue(noToken.stderr.contains("GITHUB_TOKEN"), noToken.stderr)
        let noSummary = try comment(cli, api)
        XCTAssertEqual(noSummary.status, 2)
        XCTAssertTrue(noSummary.stderr.contains("summary.md"), noSummary.stderr)
        try cli.write("summary.md", "x\n")
        for repository in ["octo-org", "../x/y", "a/b/c", "a/<b>"] {
            let bad = try cli.run(["comment", "--repository", repository, "--pull", "1", "--summary", "summary.md"],
                                  environment: ["GITHUB_TOKEN": "t"])
            XCTAssertEqual(bad.status, 2, repository)
            XCTAssertTrue(bad.stderr.contains("OWNER/NAME"), bad.stderr)
        }
        let badURL = try comment(cli, api, extra: ["--api-url", "file:///etc/passwd"])
        XCTAssertEqual(badURL.status, 2, badURL.stderr)
        XCTAssertEqual(try api.requests().count, 0)
    }

    /// A 3xx answer is named as a redirect, with its status and Location, and any other status
    /// outside 2xx as that status: never as a body that "is not a JSON array".
    func testRedirectsAndOtherNonSuccessStatusesAreNamed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("summary.md", "<!-- benchboard-summary -->\nx\n")
        let cases: [(scenario: [String: Any], expected: [String])] = [
            (["fail": ["GET": ["status": 302, "message": "Found", "headers": ["Location": "https://api.example.com/moved"]]]],
             ["302", "redirect", "https://api.example.com/moved", "GET"]),
            (["fail": ["POST": ["status": 301, "message": "Moved Permanently"]]], ["301", "redirect", "POST"]),
            (["fail": ["PATCH": ["status": 307, "message": "Temporary Redirect", "headers": ["Location": "/elsewhere"]]],
              "comments": [["id": 3, "body": "<!-- benchboard-summary -->"]]],
             ["307", "redirect", "/elsewhere", "PATCH"]),
            (["fail": ["GET": ["status": 304, "message": "Not Modified"]]], ["304", "GET"]),
        ]
        let api = try FakeGitHub.start(in: cli, scenario: [:])
        defer { api.stop() }
        for (scenario, expected) in cases {
            try api.reset(scenario)
            let result = try comment(cli, api)
            XCTAssertEqual(result.status, 1, "\(scenario): \(result.stdout)")
            for text in expected {
                XCTAssertTrue(result.stderr.contains(text), "\(text) missing from: \(result.stderr)")
            }
            XCTAssertFalse(result.stderr.contains("expected"), "the body is not what went wrong: \(result.stderr)")
        }
    }

    /// An answer far larger than any comment list is not read whole: benchboard stops reading at
    /// the cap, says so (exit 1), and its peak memory stays far below the body's size.
    func testOversizedAnswerStopsAtTheCapWithBoundedMemory() throws {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else { throw XCTSkip("needs \(time) to measure max RSS") }
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("summary.md", "<!-- benchboard-summary -->\nx\n")
        let bodyBytes = 400 << 20
        let api = try FakeGitHub.start(in: cli, scenario: ["huge": ["GET": bodyBytes]])
        defer { api.stop() }

        let rssFile = cli.directory.appending(path: "max-rss-kib")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: time)
        process.arguments = ["-f", "%M", "-o", rssFile.path, CLIHarness.benchboard,
                             "comment", "--repository", "octo-org/hello.world", "--pull", "7", "--summary", "summary.md",
                             "--api-url", api.url]
        process.currentDirectoryURL = cli.directory
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_TOKEN"] = Self.token
        environment["NO_COLOR"] = "1"
        environment["PATH"] = try Self.pathWithoutCurl(cli)
        process.environment = environment
        let errors = cli.directory.appending(path: "stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = try String(contentsOf: errors, encoding: .utf8)

        XCTAssertEqual(process.terminationStatus, 1, stderr)
        XCTAssertTrue(stderr.contains("10 MB"), stderr)
        // /usr/bin/time writes its own note first when the command failed; the figure is last.
        let report = try String(contentsOf: rssFile, encoding: .utf8)
        let kib = try XCTUnwrap(report.split(whereSeparator: \.isNewline).last.flatMap { Int($0) }, report)
        // Generous: a debug benchboard with the 10 MB cap takes a few tens of MB; reading the
        // whole body took more than the body itself.
        XCTAssertLessThan(kib, 160 << 10, "max RSS \(kib) KiB for a \(bodyBytes >> 20) MiB answer")
    }

    /// The HTTP client lives in benchboard-github: the benchboard binary, which every isolated
    /// Swift benchmark execs as its worker, loads neither FoundationNetworking nor libcurl.
    func testBenchboardDoesNotLinkTheHTTPClient() throws {
        let ldd = "/usr/bin/ldd"
        guard FileManager.default.isExecutableFile(atPath: ldd) else { throw XCTSkip("needs \(ldd)") }
        func libraries(_ binary: String) throws -> [String] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ldd)
            process.arguments = [binary]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = try output.fileHandleForReading.readToEnd() ?? Data()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        }
        let networking = { (line: String) in line.contains("FoundationNetworking") || line.contains("libcurl") }
        let main = try libraries(CLIHarness.benchboard)
        XCTAssertFalse(main.isEmpty)
        XCTAssertEqual(main.filter(networking), [])
        // The check can see such a library where one is linked.
        let helper = try libraries(CLIHarness.productsDirectory.appending(path: "benchboard-github").path)
        XCTAssertFalse(helper.filter(networking).isEmpty, helper.joined(separator: "\n"))
    }

    /// A benchboard without benchboard-github beside it finds it on PATH, and says where it looked
    /// when it is nowhere. The helper gets the token on stdin only: not in its arguments, not in
    /// its environment.
    func testHelperIsFoundOnPathAndGetsTheTokenOnStdinOnly() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.write("summary.md", "x\n")
        let alone = cli.directory.appending(path: "alone")
        try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
        let benchboard = alone.appending(path: "benchboard").path
        try FileManager.default.copyItem(atPath: CLIHarness.benchboard, toPath: benchboard)
        let arguments = ["comment", "--repository", "octo-org/hello.world", "--pull", "7", "--summary", "summary.md",
                         "--api-url", "http://127.0.0.1:9"]
        func run(path: String) throws -> CLIHarness.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: benchboard)
            process.arguments = arguments
            process.currentDirectoryURL = cli.directory
            process.environment = ["PATH": path, "GITHUB_TOKEN": Self.token, "NO_COLOR": "1"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stderr = try err.fileHandleForReading.readToEnd() ?? Data()
            let stdout = try out.fileHandleForReading.readToEnd() ?? Data()
            process.waitUntilExit()
            return CLIHarness.Result(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }

        let empty = try Self.pathWithoutCurl(cli)
        let missing = try run(path: empty)
        XCTAssertEqual(missing.status, 1, missing.stdout)
        XCTAssertTrue(missing.stderr.contains("benchboard-github"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains(alone.appending(path: "benchboard-github").path), missing.stderr)
        XCTAssertTrue(missing.stderr.contains(empty + "/benchboard-github"), missing.stderr)

        // A stand-in on PATH that records what it was given and answers an empty page.
        let bin = cli.directory.appending(path: "bin-with-helper")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let record = cli.directory.appending(path: "helper-record")
        let script = """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(record.path).args'
            cat /proc/$$/environ > '\(record.path).environ'
            cat > '\(record.path).stdin'
            printf 'HTTP/1.1 200\\r\\ncontent-type: application/json\\r\\n\\r\\n[]'
            """
        let helper = bin.appending(path: "benchboard-github")
        try script.write(to: helper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
        // `sh` and `cat` for the stand-in; still no curl.
        let found = try run(path: bin.path + ":/usr/bin:/bin")
        XCTAssertNotEqual(try String(contentsOf: record.appendingPathExtension("stdin"), encoding: .utf8), "")
        let request = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathExtension("stdin"))) as? [String: Any])
        XCTAssertEqual(request["token"] as? String, Self.token)
        XCTAssertEqual(request["maxAnswerBytes"] as? Int, 10_000_000)
        XCTAssertEqual(try String(contentsOf: record.appendingPathExtension("args"), encoding: .utf8), "\n")
        let environ = try Data(contentsOf: record.appendingPathExtension("environ"))
        XCTAssertNil(environ.range(of: Data(Self.token.utf8)), "the token is not in the helper's environment")
        XCTAssertNil(environ.range(of: Data("GITHUB_TOKEN".utf8)))
        // The empty page led to a POST, whose answer ([]) is not a comment: the stand-in was used.
        XCTAssertEqual(found.status, 1, found.stdout)
        XCTAssertTrue(found.stderr.contains("expected the comment as a JSON object"), found.stderr)
    }
}

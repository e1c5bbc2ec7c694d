import Foundation
import PlatformSupport
import XCTest

/// The action's merge mode with shards in a subfolder, and a pull request judged A/B against its
/// base commit in the same job.
extension ActionStepsTests {
    /// The `runs` input is relative to the workspace, as every path of a workflow is (where
    /// actions/download-artifact put the shards), also when the config sits in a subfolder and
    /// the workspace's path holds a space.
    func testMergeFindsTheShardsRelativeToTheWorkspace() throws {
        let clone = try shell("git clone -q remote.git 'work space' 2>/dev/null && mkdir 'work space/bench'")
        XCTAssertEqual(clone.status, 0, clone.output)
        try cli.write("work space/bench/config.toml", """
            [defaults]
            warmup = 0
            iterations = 2
            [[benchmark]]
            name = "one"
            command = ["/bin/true"]
            [[benchmark]]
            name = "two"
            command = ["/bin/true"]
            """)
        let shards = cli.directory.appending(path: "work space/shards")
        try FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        for shard in ["1/2", "2/2"] {
            let job = try runJob(event: "push", inputs: ["mode": "shard", "shard": shard, "config": "bench/config.toml"],
                                 workspace: "work space", checkBetweenSteps: false)
            XCTAssertFalse(job.failed, job.log)
            let file = try XCTUnwrap(job.step("bench")?.outputs["run-file"], job.log)
            try FileManager.default.moveItem(at: URL(fileURLWithPath: file), to: shards.appending(path: "\(shard.prefix(1)).json"))
        }
        let merge = try runJob(event: "push", inputs: ["mode": "merge", "runs": "shards/*.json", "config": "bench/config.toml"],
                               workspace: "work space", checkBetweenSteps: false)
        XCTAssertFalse(merge.failed, merge.log)
        XCTAssertEqual(merge.step("bench")?.status, 0, merge.log)
        XCTAssertTrue(merge.step("push")?.log.contains("pushed to benchboard-data") == true, merge.log)
        let pushed = try shell("git --git-dir=remote.git show benchboard-data:$(git --git-dir=remote.git ls-tree --name-only -r benchboard-data)")
        let run = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(pushed.output.utf8)) as? [String: Any], pushed.output)
        XCTAssertEqual((run["benchmarks"] as? [Any])?.count, 2, "the merged run holds both shards' benchmarks")
    }

    /// A pull request whose program became six times slower: the build step checks the base
    /// commit out in a worktree, the benchmarks' step runs `benchboard ab` against it (the token
    /// still only in fetch, push and comment), and the comment says it was judged A/B in this job.
    /// Without a base commit (the tests above) the history judges, as before.
    func testPullRequestIsJudgedABAgainstItsBaseCommit() throws {
        try startAPI()
        try cli.write("workspace/prog", "#!/bin/sh\nexec \(CLIHarness.fixture) sleep 10\n")
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
            [[benchmark]]
            name = "prog"
            command = ["./prog"]
            iterations = 6
            regression_threshold = "50%"
            """)
        let main = try shell("""
            set -e
            cd workspace && chmod +x prog && git add prog config.toml && git commit -qm suite && git push -q origin main
            git rev-parse HEAD
            """)
        XCTAssertEqual(main.status, 0, main.output)
        let base = try XCTUnwrap(main.output.split(separator: "\n").last.map(String.init))
        let feature = try shell("""
            set -e
            cd workspace && git checkout -qb feature
            printf '#!/bin/sh\\nexec %s sleep 60\\n' '\(CLIHarness.fixture)' >prog && git commit -qam slower
            """)
        XCTAssertEqual(feature.status, 0, feature.output)

        let pr = try runJob(event: "pull_request", inputs: ["fail-on-regression": "true", "ab-rounds": "2"], pull: 12,
                            baseSHA: base)
        XCTAssertTrue(pr.failed, pr.log)
        XCTAssertTrue(pr.step("build")?.log.contains("checked out in") == true, pr.log)
        let bench = try XCTUnwrap(pr.step("bench"))
        XCTAssertEqual(bench.status, 1, pr.log)
        XCTAssertEqual(bench.outputs["regressed"], "true", pr.log)
        XCTAssertTrue(bench.log.contains("judged A/B against main @ \(base.prefix(7)) in this job"), pr.log)
        XCTAssertEqual(pr.step("comment")?.status, 0, pr.log)
        let comments = try XCTUnwrap(try apiState()["comments"] as? [[String: Any]])
        XCTAssertEqual(comments.count, 1, pr.log)
        let body = comments.first?["body"] as? String ?? ""
        XCTAssertTrue(body.contains("Judged A/B against main @ \(base.prefix(7)) in this job"), body)
        XCTAssertTrue(body.contains("prog"), body)
        // The head run is in the local history, marked with its base; nothing is pushed.
        let run = try XCTUnwrap(bench.outputs["run-file"])
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run))) as? [String: Any])
        XCTAssertEqual((record["ab"] as? [String: Any])?["commit"] as? String, base)
        XCTAssertEqual(pr.step("push")?.log ?? "", "", "a pull request pushes nothing")
        try assertNothingFound(pr)
    }
}

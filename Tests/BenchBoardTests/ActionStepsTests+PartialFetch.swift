import Foundation
import PlatformSupport
import XCTest

/// What comes down from the data branch: a pull request's comparison fetches the blobs of the
/// runs it reads and no others, and judges as it would with the whole history; a server without
/// partial fetches sends everything and the job goes on; a record's push still merges with a
/// push that won the race, without fetching the runs it does not read.
extension ActionStepsTests {
    /// A suite whose `prog` sleeps `milliseconds` per iteration, committed on the workspace's
    /// current branch.
    private func commitSuite(milliseconds: Int, in workspace: String = "workspace", message: String) throws {
        try cli.write("\(workspace)/prog", "#!/bin/sh\nexec \(CLIHarness.fixture) sleep \(milliseconds)\n")
        try cli.write("\(workspace)/config.toml", """
            [defaults]
            warmup = 0
            iterations = 4
            [report]
            memory_threshold = "1000%"
            cpu_threshold = "1000%"
            [[benchmark]]
            name = "prog"
            command = ["./prog"]
            regression_threshold = "50%"
            """)
        let commit = try shell("cd '\(workspace)' && chmod +x prog && git add prog config.toml && git commit -qm '\(message)'")
        XCTAssertEqual(commit.status, 0, commit.output)
    }

    /// main's suite recorded once by a push job, then `copies` of that run (new ids, an hour
    /// apart before it: earlier runs of this machine, whose spread the verdict weighs) and `older`
    /// synthetic runs of another machine (Benchmarks/scripts/make_history.py, dated before them)
    /// added to the data branch. Returns the recorded run's id.
    private func dataBranchWithManyRuns(older: Int, copies: Int = 0) throws -> String {
        try commitSuite(milliseconds: 10, message: "suite")
        XCTAssertEqual(try shell("cd workspace && git push -q origin main").status, 0)
        let record = try runJob(event: "push", checkBetweenSteps: false)
        XCTAssertFalse(record.failed, record.log)
        let runFile = try XCTUnwrap(record.step("bench")?.outputs["run-file"], record.log)
        let run = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runFile))) as? [String: Any])
        let generator = Self.repository.appending(path: "Benchmarks/scripts/make_history.py").path
        let cloned = try shell("git clone -q --no-local --single-branch -b benchboard-data remote.git data 2>/dev/null")
        XCTAssertEqual(cloned.status, 0, cloned.output)
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions.insert(.withFractionalSeconds)
        let startedText = try XCTUnwrap(run["startedAt"] as? String)
        let started = try XCTUnwrap(ISO8601DateFormatter().date(from: startedText) ?? fractional.date(from: startedText), startedText)
        for index in stride(from: 1, through: copies, by: 1) {
            var copy = run
            let date = started.addingTimeInterval(-3600 * Double(index))
            copy["id"] = "copy\(index)"
            copy["startedAt"] = ISO8601DateFormatter().string(from: date)
            copy["finishedAt"] = ISO8601DateFormatter().string(from: date.addingTimeInterval(30))
            let stamp = ISO8601DateFormatter().string(from: date).replacingOccurrences(of: "-", with: "")
                .replacingOccurrences(of: ":", with: "")
            try JSONSerialization.data(withJSONObject: copy).write(to: cli.directory.appending(path: "data/history/\(stamp)-copy\(index).json"))
        }
        let added = try shell("""
            set -e
            python3 '\(generator)' data/history \(older) 2 5 --samples 5
            cd data && git add history && git commit -qm 'older runs' && git push -q origin benchboard-data
            git ls-tree -r --name-only HEAD history | wc -l
            """)
        XCTAssertEqual(added.status, 0, added.output)
        XCTAssertEqual(added.output.trimmingCharacters(in: .whitespacesAndNewlines), "\(older + copies + 1)")
        return try XCTUnwrap(run["id"] as? String)
    }

    /// A pull request's checkout, as actions/checkout makes it: the pushed branch only, over the
    /// transport (a local path would share the bare repository's objects), with `prog` made
    /// six times slower on a branch.
    private func pullRequestCheckout(_ name: String) throws {
        let clone = try shell("git clone -q --no-local --single-branch -b main remote.git '\(name)' 2>/dev/null && cd '\(name)' && git checkout -qb feature")
        XCTAssertEqual(clone.status, 0, clone.output)
        try commitSuite(milliseconds: 60, in: name, message: "slower")
    }

    /// Blobs of the data branch's tip that are in the checkout's object store.
    private func blobsPresent(in workspace: String) throws -> (present: Int, total: Int) {
        let listing = try shell("""
            cd '\(workspace)'
            echo "missing $(git rev-list --objects --missing=print refs/benchboard/benchboard-data | grep -c '^?')"
            echo "total $(git ls-tree -r refs/benchboard/benchboard-data | wc -l)"
            """)
        let numbers = Dictionary(uniqueKeysWithValues: listing.output.split(separator: "\n").compactMap { line -> (String, Int)? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Int(parts[1]) else { return nil }
            return (String(parts[0]), value)
        })
        let total = try XCTUnwrap(numbers["total"], listing.output)
        return (total - (numbers["missing"] ?? 0), total)
    }

    /// "…; 12 KiB came down" in the fetch step's log, in KiB.
    private func kibCameDown(_ job: Job) throws -> Double {
        let log = job.step("fetch")?.log ?? ""
        let pattern = try NSRegularExpression(pattern: #"([0-9.]+) (KiB|MiB|GiB) came down"#)
        let match = try XCTUnwrap(pattern.firstMatch(in: log, range: NSRange(log.startIndex..., in: log)), log)
        let text = log as NSString
        let value = try XCTUnwrap(Double(text.substring(with: match.range(at: 1))))
        switch text.substring(with: match.range(at: 2)) {
        case "MiB": return value * 1024
        case "GiB": return value * 1024 * 1024
        default: return value
        }
    }

    /// The baseline line of a comparison's summary.md.
    private func baselineLine(_ job: Job) throws -> String {
        let folder = try XCTUnwrap(job.step("bench")?.outputs["report-dir"], job.log)
        let summary = try String(contentsOf: URL(fileURLWithPath: folder).appending(path: "summary.md"), encoding: .utf8)
        return try XCTUnwrap(summary.split(separator: "\n").first { $0.contains("aseline") }.map(String.init), summary)
    }

    /// `benchboard compare branch:main RUN` against the history a job fetched, as JSON: the
    /// verdicts, the baseline and the figures they rest on.
    private func verdicts(of run: String, in workspace: String) throws -> String {
        let compare = try shell("""
            cd '\(workspace)' && '\(CLIHarness.benchboard)' compare branch:main '\(run)' --history output/history --config config.toml --format json
            """)
        XCTAssertEqual(compare.status, 0, compare.output)
        return compare.output
    }

    /// A data branch of 307 runs; the pull request reads the newest 20 (main's recorded run, six
    /// earlier runs of this machine, and 13 of another). Its checkout ends up with those 20 blobs
    /// and no others, far fewer bytes come down than for the whole history, and the pull
    /// request's run gets the same verdicts from the 20 as from the whole history (one run judged
    /// against both, so the machine's noise cannot make them differ).
    func testComparisonFetchesOnlyTheRunsItReads() throws {
        XCTAssertEqual(try shell("git --git-dir=remote.git config uploadpack.allowFilter true").status, 0)
        let recorded = try dataBranchWithManyRuns(older: 300, copies: 6)

        try pullRequestCheckout("partial")
        let partial = try runJob(event: "pull_request", inputs: ["fail-on-regression": "true", "fetch-runs": "20"], pull: 5,
                                 workspace: "partial", checkBetweenSteps: false)
        let fetchLog = partial.step("fetch")?.log ?? ""
        XCTAssertTrue(fetchLog.contains("fetched benchboard-data: 20 of 307 run files (a partial fetch)"), partial.log)
        XCTAssertTrue(fetchLog.contains("20 run files in the history after fetching benchboard-data"), partial.log)
        let blobs = try blobsPresent(in: "partial")
        XCTAssertEqual(blobs.total, 307)
        XCTAssertEqual(blobs.present, 20, "only the blobs of the runs the comparison reads came down")
        XCTAssertNotNil(partial.step("bench")?.outputs["regressed"], partial.log)
        XCTAssertTrue(try baselineLine(partial).contains(recorded))

        try pullRequestCheckout("full")
        let full = try runJob(event: "pull_request", inputs: ["fail-on-regression": "true", "fetch-runs": "all"], pull: 5,
                              workspace: "full", checkBetweenSteps: false)
        XCTAssertTrue(full.step("fetch")?.log.contains("fetched benchboard-data: all 307 run files") == true, full.log)
        XCTAssertEqual(try blobsPresent(in: "full").present, 307)
        XCTAssertLessThan(try kibCameDown(partial) * 4, try kibCameDown(full), "\(fetchLog)\n\(full.step("fetch")?.log ?? "")")

        let run = try XCTUnwrap(partial.step("bench")?.outputs["run-file"], partial.log)
        let fromWindow = try verdicts(of: run, in: "partial")
        XCTAssertTrue(fromWindow.contains(recorded), fromWindow)
        XCTAssertEqual(fromWindow, try verdicts(of: run, in: "full"))
        XCTAssertEqual(partial.step("push")?.log ?? "", "", "a pull request pushes nothing")
    }

    /// A server that does not allow partial fetches ignores the filter: the whole branch comes
    /// down, the job says so, extracts the same 20 runs and judges against main's run.
    func testServerWithoutPartialFetchSendsEverything() throws {
        XCTAssertEqual(try shell("git --git-dir=remote.git config uploadpack.allowFilter false").status, 0)
        let recorded = try dataBranchWithManyRuns(older: 300)
        try pullRequestCheckout("pr")
        let job = try runJob(event: "pull_request", inputs: ["fail-on-regression": "true", "fetch-runs": "20"], pull: 6,
                             workspace: "pr", checkBetweenSteps: false)
        let fetchLog = job.step("fetch")?.log ?? ""
        XCTAssertEqual(job.step("fetch")?.status, 0, job.log)
        XCTAssertTrue(fetchLog.contains("origin does not allow partial fetches"), job.log)
        XCTAssertTrue(fetchLog.contains("fetched benchboard-data: 20 of 301 run files (the whole branch)"), job.log)
        XCTAssertTrue(fetchLog.contains("20 run files in the history after fetching benchboard-data"), job.log)
        XCTAssertEqual(try blobsPresent(in: "pr").present, 301)
        XCTAssertNotNil(job.step("bench")?.outputs["regressed"], job.log)
        XCTAssertTrue(try baselineLine(job).contains(recorded))
    }

    /// A record's push from a checkout that fetched no run: another job pushes while this one
    /// pushes (the remote holds every push for a moment), so one of them loses the race, fetches
    /// the winner's tip and pushes again. Both runs land beside the 301 already there, and neither
    /// checkout fetched the blobs of the runs it only had to keep.
    func testRecordPushMergesAndRetriesWithoutFetchingTheHistory() throws {
        XCTAssertEqual(try shell("git --git-dir=remote.git config uploadpack.allowFilter true").status, 0)
        _ = try dataBranchWithManyRuns(older: 300)
        let setup = try shell("""
            set -e
            printf '#!/bin/sh\\nsleep 1\\n' > remote.git/hooks/pre-receive && chmod +x remote.git/hooks/pre-receive
            for job in one two; do git clone -q --no-local --single-branch -b main remote.git "$job" 2>/dev/null; echo "{\\"id\\": \\"$job\\"}" > "$job.json"; done
            """)
        XCTAssertEqual(setup.status, 0, setup.output)
        let script = Self.repository.appending(path: "scripts/push-history.sh").path
        let race = try shell("""
            '\(script)' --repo one one.json >one.log 2>&1 & first=$!
            '\(script)' --repo two two.json >two.log 2>&1 & second=$!
            wait $first; echo "one=$?"; wait $second; echo "two=$?"; cat one.log two.log
            """)
        XCTAssertTrue(race.output.contains("one=0") && race.output.contains("two=0"), race.output)
        XCTAssertTrue(race.output.contains("retrying"), "one pusher lost the race and retried: \(race.output)")
        let files = try shell("git --git-dir=remote.git ls-tree --name-only -r benchboard-data history")
        let names = files.output.split(separator: "\n")
        XCTAssertEqual(names.count, 303, files.output)
        XCTAssertTrue(names.contains("history/one.json") && names.contains("history/two.json"), files.output)
        XCTAssertEqual(try shell("git --git-dir=remote.git fsck --no-progress").status, 0, "the remote holds every object it names")
        for job in ["one", "two"] {
            let blobs = try blobsPresent(in: job)
            XCTAssertLessThanOrEqual(blobs.present, 2, "\(job) fetched the history's runs: \(blobs)")
        }
    }
}

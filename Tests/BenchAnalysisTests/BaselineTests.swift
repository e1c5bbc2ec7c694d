import BenchAnalysis
import BenchModel
import RecordSupport
import XCTest

final class BaselineTests: XCTestCase {
    func testParse() throws {
        XCTAssertEqual(try BaselineSpec.parse("previous"), .previous)
        XCTAssertEqual(try BaselineSpec.parse(" branch:main "), .branch("main"))
        XCTAssertEqual(try BaselineSpec.parse("branch:feature/x"), .branch("feature/x"))
        XCTAssertEqual(try BaselineSpec.parse("commit:ABC1234"), .commit("abc1234"))
        XCTAssertEqual(try BaselineSpec.parse("20261125T101500Z-3f2a"), .runID("20261125T101500Z-3f2a"))
        XCTAssertThrowsError(try BaselineSpec.parse("")) { error in
            XCTAssertEqual(error as? BaselineSpecError, .empty)
            XCTAssertTrue("\(error)".contains("previous, a run id, branch:NAME"))
        }
        XCTAssertThrowsError(try BaselineSpec.parse("branch:"))
        XCTAssertThrowsError(try BaselineSpec.parse("commit:xyz")) { error in
            XCTAssertTrue("\(error)".contains("'xyz' is not a hexadecimal SHA"))
        }
    }

    let history = [
        Records.run("m1", minute: 0, branch: "main", commit: "aaaa111", []),
        Records.run("f1", minute: 1, branch: "feature", commit: "bbbb222", []),
        Records.run("m2", minute: 2, branch: "main", commit: "cccc333", []),
        Records.run("f2", minute: 3, branch: "feature", commit: "dddd444", []),
        Records.run("m3", minute: 5, branch: "main", commit: "eeee555", []),
    ]

    func select(_ spec: BaselineSpec, for current: RunRecord, in runs: [RunRecord]? = nil) -> String? {
        Baseline.select(spec, for: current, in: runs ?? history)?.id
    }

    func testPreviousPrefersTheSameBranchAndNeverTheCurrentRun() {
        let current = Records.run("f3", minute: 4, branch: "feature", commit: "ffff666", [])
        XCTAssertEqual(select(.previous, for: current), "f2", "newest earlier run on the same branch")
        XCTAssertEqual(select(.previous, for: current, in: history + [current]), "f2", "the current run is skipped")
        let firstOnBranch = Records.run("n1", minute: 4, branch: "new-branch", commit: "9999999", [])
        XCTAssertEqual(select(.previous, for: firstOnBranch), "f2", "falls back to the newest earlier run anywhere")
        let detached = Records.run("d1", minute: 10, branch: nil, commit: "1234567", [])
        XCTAssertEqual(select(.previous, for: detached), "m3")
        XCTAssertNil(select(.previous, for: history[0]), "nothing before the first run")
        XCTAssertNil(select(.previous, for: history[0], in: [history[0]]))
    }

    func testRunIDBranchAndCommit() {
        let current = Records.run("f3", minute: 4, branch: "feature", commit: "ffff666", [])
        XCTAssertEqual(select(.runID("m1"), for: current), "m1")
        XCTAssertEqual(select(.runID("f"), for: current), nil, "an ambiguous prefix selects nothing")
        XCTAssertEqual(select(.runID("m3"), for: current), "m3")
        XCTAssertNil(select(.runID("f3"), for: current, in: history + [current]), "never the current run")
        XCTAssertEqual(select(.branch("main"), for: current), "m3", "the newest of that branch, even if later")
        XCTAssertNil(select(.branch("nope"), for: current))
        XCTAssertEqual(select(.commit("cccc"), for: current), "m2")
        XCTAssertEqual(select(.commit("CCCC333"), for: current), "m2")
        XCTAssertNil(select(.commit("ffff"), for: current, in: history + [current]))
    }
}

/// Baselines come from the same machine and build configuration by default.
final class SameSetupBaselineTests: XCTestCase {
    static let other = MachineInfo(
        hostname: "big-box", os: "Debian 13", kernel: "6.18", cpuModel: "Other CPU", cores: 64, memoryBytes: 256 << 30,
        swiftVersion: "6.3.1")

    func testPreviousPrefersTheSameMachineAndBuildAndSaysWhenItFallsBack() throws {
        let history = [
            Records.run("m1", minute: 0, branch: "main", []),
            Records.run("o1", minute: 1, branch: "main", machine: Self.other, []),
            Records.run("d1", minute: 2, branch: "main", build: "debug", []),
        ]
        let current = Records.run("m2", minute: 3, branch: "main", [])
        let chosen = try XCTUnwrap(Baseline.choose(.previous, for: current, in: history))
        XCTAssertEqual(chosen.run.id, "m1", "not the newer runs of another machine or build")
        XCTAssertNil(chosen.fallback)

        // The same machine under another hostname is the same setup (identical CI runners).
        var renamed = current
        renamed.machine.hostname = "ci-2"
        XCTAssertEqual(Baseline.choose(.previous, for: renamed, in: history)?.run.id, "m1")

        let elsewhere = Records.run("o2", minute: 3, branch: "main", build: "debug", machine: Self.other, [])
        let fallback = try XCTUnwrap(Baseline.choose(.previous, for: elsewhere, in: history))
        XCTAssertEqual(fallback.run.id, "d1", "no debug run on that machine: the newest earlier run anywhere")
        let note = try XCTUnwrap(fallback.fallback)
        XCTAssertTrue(note.hasPrefix("No earlier run on this machine with a debug build; the baseline is run d1 from machine ci-1"), note)
        XCTAssertTrue(note.contains("a hint, not a verdict"), note)
    }

    func testSameSetupBeforeSameBranch() throws {
        let history = [
            Records.run("m1", minute: 0, branch: "main", []),
            Records.run("f1", minute: 1, branch: "feature", machine: Self.other, []),
        ]
        let current = Records.run("f2", minute: 2, branch: "feature", [])
        XCTAssertEqual(Baseline.select(.previous, for: current, in: history)?.id, "m1")
    }

    func testBranchAndCommitPreferTheSameSetupButRunIDIsTakenAsNamed() throws {
        let history = [
            Records.run("m1", minute: 0, branch: "main", commit: "aaaa111", []),
            Records.run("o1", minute: 1, branch: "main", commit: "aaaa111", machine: Self.other, []),
            Records.run("o2", minute: 2, branch: "other", commit: "bbbb222", machine: Self.other, []),
        ]
        let current = Records.run("f1", minute: 3, branch: "feature", [])
        XCTAssertEqual(Baseline.choose(.branch("main"), for: current, in: history), BaselineChoice(run: history[0]))
        XCTAssertEqual(Baseline.choose(.commit("aaaa"), for: current, in: history), BaselineChoice(run: history[0]))
        let otherBranch = try XCTUnwrap(Baseline.choose(.branch("other"), for: current, in: history))
        XCTAssertEqual(otherBranch.run.id, "o2")
        XCTAssertTrue(otherBranch.fallback?.hasPrefix("No run of branch other on this machine") ?? false, "\(otherBranch)")
        XCTAssertEqual(Baseline.choose(.runID("o1"), for: current, in: history), BaselineChoice(run: history[1]))
    }

    /// Runs started within one second are ordered by their sub-second start, not by their random id.
    func testPreviousWithinOneSecond() throws {
        var early = Records.run("zz", minute: 0, [])
        var late = Records.run("aa", minute: 0, [])
        let second = Int64(early.startedAt.timeIntervalSince1970) * 1_000_000_000
        early.startedAtUnixNs = second + 100_000_000
        late.startedAtUnixNs = second + 900_000_000
        XCTAssertEqual(Baseline.select(.previous, for: late, in: [early, late])?.id, "zz")
        XCTAssertNil(Baseline.select(.previous, for: early, in: [early, late]))
        XCTAssertEqual(Baseline.select(.branch("main"), for: Records.run("x", minute: 9, []), in: [late, early])?.id, "aa")
    }
}

/// A pull request's baseline: its merge-base commit's run, else the newest run of its base branch.
final class PullRequestBaselineTests: XCTestCase {
    func testMergeBaseRunFirstThenTheBranchNewest() throws {
        let mergeBase = String(repeating: "a", count: 40)
        let history = [
            Records.run("r1", minute: 0, branch: "main", commit: mergeBase, []),
            Records.run("r2", minute: 1, branch: "main", commit: String(repeating: "b", count: 40), []),
            Records.run("r3", minute: 2, branch: "feature", commit: String(repeating: "c", count: 40), []),
        ]
        let current = Records.run("pr", minute: 3, branch: "feature", commit: String(repeating: "d", count: 40), [])
        let exact = try XCTUnwrap(Baseline.chooseForPullRequest(branch: "main", mergeBase: mergeBase, for: current, in: history))
        XCTAssertEqual(exact.run.id, "r1")
        XCTAssertEqual(exact.basis, "The baseline is run r1 of merge-base commit aaaaaaa of branch main.")
        XCTAssertEqual(exact.caveat(otherwise: nil), exact.basis)

        let missing = try XCTUnwrap(
            Baseline.chooseForPullRequest(branch: "main", mergeBase: "eeeeeee", for: current, in: history))
        XCTAssertEqual(missing.run.id, "r2")
        XCTAssertEqual(
            missing.basis,
            "No run of merge-base commit eeeeeee in the history; the baseline is the newest run of branch main, run r2 of commit bbbbbbb, which may hold changes this pull request has not merged.")
        XCTAssertNil(Baseline.chooseForPullRequest(branch: "release", mergeBase: "eeeeeee", for: current, in: history))
    }
}

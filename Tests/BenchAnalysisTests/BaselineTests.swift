import BenchAnalysis
import BenchModel
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

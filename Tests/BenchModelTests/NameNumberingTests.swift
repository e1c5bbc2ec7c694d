import BenchModel
import XCTest

/// Names get one number each, in order of first appearance, whether a run lists them in the
/// order of the run before, in another order, with one inserted or removed, or twice.
final class NameNumberingTests: XCTestCase {
    func testEachNameKeepsItsNumberWhateverTheOrder() {
        let runs = [["a", "b", "c"], ["a", "b", "c"], ["a", "x", "b", "c"], ["c", "b", "a"], ["b", "b"], [], ["c", "y"]]
        var numbering = NameNumbering()
        var numbers: [[Int]] = []
        for run in runs {
            numbering.nextRun()
            numbers.append(run.map { numbering.number(of: $0) })
        }
        XCTAssertEqual(numbering.names, ["a", "b", "c", "x", "y"])
        XCTAssertEqual(numbers, [[0, 1, 2], [0, 1, 2], [0, 3, 1, 2], [2, 1, 0], [1, 1], [], [2, 4]])
    }
}

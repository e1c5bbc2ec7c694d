// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import XCTest

@testable import BenchIsolation

/// The framing both drains share: whole lines are parsed and consumed, the rest waits.
final class LauncherReportLinesTests: XCTestCase {
    func testCompleteLinesAreConsumedAndAPartialOneWaits() throws {
        var pending = Array("S 11\nS 12\nD o".utf8)
        var seen: [LauncherReport] = []
        let ended: String? = try LauncherReportLines.consume(&pending) { report, _ in
            seen.append(report)
            return nil
        }
        XCTAssertNil(ended)
        XCTAssertEqual(seen, [.started(pid: 11), .started(pid: 12)])
        XCTAssertEqual(pending, Array("D o".utf8))

        pending += Array("k\n".utf8)
        let status: String? = try LauncherReportLines.consume(&pending) { report, _ in
            guard case .done(let status) = report else { return nil }
            return status
        }
        XCTAssertEqual(status, "ok")
        XCTAssertEqual(pending, [])
    }

    func testLinesAfterTheEndingOneStayForTheNextCall() throws {
        var pending = Array("D ok\nS 7\n".utf8)
        let line: String? = try LauncherReportLines.consume(&pending) { _, line in String(line) }
        XCTAssertEqual(line, "D ok")
        XCTAssertEqual(pending, Array("S 7\n".utf8))
    }

    func testABadLineIsConsumedAndThrows() {
        var pending = Array("S 5\nQ nonsense\nS 6\n".utf8)
        var seen: [LauncherReport] = []
        XCTAssertThrowsError(
            try LauncherReportLines.consume(&pending) { report, _ -> Int? in
                seen.append(report)
                return nil
            })
        XCTAssertEqual(seen, [.started(pid: 5)])
        XCTAssertEqual(pending, Array("S 6\n".utf8))
    }
}
#endif

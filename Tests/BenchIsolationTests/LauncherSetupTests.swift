// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc
import XCTest

@testable import BenchIsolation

/// Finding and starting the launcher.
final class LauncherSetupTests: XCTestCase {
    func testLocateFindsTheLauncherNextToTheTests() throws {
        let path = try Launcher.locate(environment: ["PATH": "/usr/bin"])
        XCTAssertEqual(path, TestBinaries.launcher)
    }

    func testLocateHonoursTheEnvironmentVariable() throws {
        XCTAssertEqual(try Launcher.locate(environment: ["BENCHBOARD_LAUNCHER": "/bin/true"]), "/bin/true")
        XCTAssertThrowsError(try Launcher.locate(environment: ["BENCHBOARD_LAUNCHER": "/nonexistent/launcher"])) {
            XCTAssertEqual($0 as? IsolationError, .launcherNotFound(searched: ["/nonexistent/launcher"]))
            XCTAssertTrue("\($0)".contains("BENCHBOARD_LAUNCHER"))
        }
    }

    func testStartingAMissingLauncher() {
        XCTAssertThrowsError(try Launcher(executablePath: "/nonexistent/benchboard-launcher")) {
            XCTAssertEqual($0 as? IsolationError, .launcherNotFound(searched: ["/nonexistent/benchboard-launcher"]))
        }
    }

    func testStartingSomethingElseThanTheLauncher() {
        XCTAssertThrowsError(try Launcher(executablePath: "/bin/true")) { error in
            guard case .launcherFailed(let reason)? = error as? IsolationError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(reason.contains("exited at once"), reason)
        }
    }

    func testShutdownIsIdempotent() throws {
        let launcher = try Launcher(executablePath: TestBinaries.launcher)
        let pid = launcher.processID
        launcher.shutdown()
        launcher.shutdown()
        assertGone([pid])
    }

    func testErrorsReadAsSentences() {
        let errors: [IsolationError] = [
            .launcherNotFound(searched: ["/a", "/b"]), .launcherFailed("it crashed"), .protocolError("x"),
            .invalidSpec("the command is empty"), .launcherShutDown, .systemCall("poll", errno: EINVAL),
        ]
        for error in errors {
            XCTAssertTrue(error.description.hasSuffix("."), error.description)
            XCTAssertEqual(error.description.first?.isUppercase ?? false || error.description.hasPrefix("benchboard"), true)
        }
    }
}
#endif

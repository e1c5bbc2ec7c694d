// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc
import XCTest

@testable import BenchIsolation

/// How children end, and what the launcher reports for each ending.
final class ChildOutcomeTests: XCTestCase {
    func testTrueExitsZero() throws {
        let result = try makeLauncher().run(fixtureSpec("true"), iterations: 3)
        XCTAssertEqual(result.iterations.count, 3)
        XCTAssertTrue(result.allSucceeded)
        XCTAssertFalse(result.interrupted)
        for iteration in result.iterations {
            let usage = try XCTUnwrap(iteration.usage)
            XCTAssertGreaterThan(usage.wallNs, 0)
            XCTAssertGreaterThan(usage.maxRSSBytes, 0)
        }
    }

    func testProgressIsReportedAsEachChildEnds() throws {
        var seen: [Int] = []
        let result = try makeLauncher().run(fixtureSpec("true"), iterations: 4) { iteration, count in
            XCTAssertTrue(iteration.isSuccess)
            seen.append(count)
        }
        XCTAssertEqual(seen, [1, 2, 3, 4])
        XCTAssertEqual(result.iterations.count, 4)
    }

    func testSegfaultIsReportedAsSignal() throws {
        let result = try makeLauncher().run(fixtureSpec("segv"), iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .signaled(SIGSEGV))
        XCTAssertNotNil(result.iterations.first?.usage)
    }

    func testExitCodeAndStderrMessageAreKept() throws {
        let result = try makeLauncher().run(fixtureSpec("exit", "3", "database is on fire"), iterations: 1)
        XCTAssertEqual(result.iterations.first?.termination, .exited(3))
        XCTAssertEqual(result.stderrTail, "database is on fire\n")
        XCTAssertFalse(result.allSucceeded)
    }

    func testStopOnFailureEndsTheBatch() throws {
        let launcher = try makeLauncher()
        let stopped = try launcher.run(fixtureSpec("exit", "1", "no"), iterations: 5)
        XCTAssertEqual(stopped.iterations.count, 1)
        let all = try launcher.run(fixtureSpec("exit", "1", "no"), iterations: 5, stopOnFailure: false)
        XCTAssertEqual(all.iterations.count, 5)
        XCTAssertEqual(all.stderrBytes, 5 * 3)
    }

    func testCommandNotFound() throws {
        var spec = fixtureSpec()
        spec.arguments = ["benchboard-no-such-command"]
        let result = try makeLauncher().run(spec, iterations: 3)
        XCTAssertEqual(result.iterations.count, 1)
        guard case .spawnFailed(let code, let message)? = result.iterations.first?.termination else {
            return XCTFail("expected a spawn failure, got \(result.iterations)")
        }
        XCTAssertEqual(code, ENOENT)
        XCTAssertTrue(message.contains("No such file or directory"), message)
        XCTAssertTrue(message.contains("benchboard-no-such-command"), message)
        XCTAssertNil(result.iterations.first?.usage)
    }

    func testMissingAbsolutePathIsASpawnFailure() throws {
        var spec = fixtureSpec()
        spec.arguments = ["/nonexistent/benchmark"]
        let result = try makeLauncher().run(spec, iterations: 1)
        guard case .spawnFailed(let code, _)? = result.iterations.first?.termination else {
            return XCTFail("expected a spawn failure, got \(result.iterations)")
        }
        XCTAssertEqual(code, ENOENT)
    }

    func testProgramIsLookedUpInTheChildsPATH() throws {
        let launcher = try makeLauncher()
        var spec = ChildSpec(arguments: ["bench-fixture", "true"], environment: ["PATH": "/nonexistent:" + TestBinaries.directory])
        XCTAssertEqual(try launcher.run(spec, iterations: 1).iterations.first?.termination, .exited(0))
        spec.environment["PATH"] = "/usr/bin:/bin"
        guard case .spawnFailed(ENOENT, _)? = try launcher.run(spec, iterations: 1).iterations.first?.termination else {
            return XCTFail("bench-fixture is not on that PATH")
        }
    }

    func testWorkingDirectory() throws {
        let launcher = try makeLauncher()
        var spec = ChildSpec(arguments: ["pwd"], environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/tmp")
        XCTAssertEqual(try launcher.run(spec, iterations: 1).stdoutTail, "/tmp\n")
        spec.workingDirectory = "/nonexistent/directory"
        let result = try launcher.run(spec, iterations: 1)
        guard case .spawnFailed(let code, let message)? = result.iterations.first?.termination else {
            return XCTFail("expected a spawn failure, got \(result.iterations)")
        }
        XCTAssertEqual(code, ENOENT)
        XCTAssertTrue(message.contains("/nonexistent/directory"), message)
    }

    func testCleanEnvironment() throws {
        var spec = fixtureSpec("env")
        spec.environment = ["NODE_ENV": "production", "PATH": "/usr/bin:/bin", "WITH_SPACES": "a b  c"]
        let result = try makeLauncher().run(spec, iterations: 1)
        let lines = Set(result.stdoutTail.split(separator: "\n").map(String.init))
        XCTAssertEqual(lines, [
            "NODE_ENV=production", "PATH=/usr/bin:/bin", "WITH_SPACES=a b  c", "BENCHBOARD_RESULT_FD=3",
        ])
    }

    func testInvalidSpecsAreRefused() throws {
        let launcher = try makeLauncher()
        XCTAssertThrowsError(try launcher.run(ChildSpec(arguments: [], environment: [:]), iterations: 1)) {
            XCTAssertEqual($0 as? IsolationError, .invalidSpec("the command is empty"))
        }
        XCTAssertThrowsError(try launcher.run(ChildSpec(arguments: ["a\u{0}b"], environment: [:]), iterations: 1))
        // The launcher is still usable afterwards.
        XCTAssertTrue(try launcher.run(fixtureSpec("true"), iterations: 1).allSucceeded)
    }

    func testZeroIterationsRunsNothing() throws {
        let result = try makeLauncher().run(fixtureSpec("true"), iterations: 0)
        XCTAssertEqual(result, BatchResult())
    }
}
#endif

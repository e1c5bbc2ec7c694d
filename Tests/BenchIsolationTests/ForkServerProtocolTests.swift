// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc
import XCTest

@testable import BenchIsolation

/// The fork server speaks the launcher's protocol from Swift: what it writes must parse as the
/// launcher's lines do, and what benchboard sends must decode on the server's side.
final class ForkServerProtocolTests: XCTestCase {
    func testReportLinesRoundTripThroughTheLaunchersParser() throws {
        guard case .hello(let version, let pid, let capabilities) = try LauncherReport(line: LauncherReport.helloLine(pid: 4321)[...]) else {
            return XCTFail("not a greeting")
        }
        XCTAssertEqual(version, LauncherReport.protocolVersion)
        XCTAssertEqual(pid, 4321)
        // The server holds no cgroup of its own: nothing for benchboard to kill through one.
        XCTAssertEqual(capabilities, LauncherCapabilities())
        let usage = ChildUsage(
            wallNs: 1_234_567, maxRSSBytes: 11_345_920, userUs: 1_500, systemUs: 250, voluntaryContextSwitches: 3,
            involuntaryContextSwitches: 4, minorFaults: 500, majorFaults: 1)
        for termination: Termination in [.exited(0), .exited(3), .signaled(SIGSEGV), .timedOut(killedBy: SIGKILL)] {
            let line = LauncherReport.finishedLine(termination, usage)
            guard case .finished(let parsed, let parsedUsage, let limitHit) = try LauncherReport(line: line[...]) else {
                return XCTFail("not a finished line: \(line)")
            }
            XCTAssertEqual(parsed, termination)
            XCTAssertEqual(parsedUsage, usage)
            XCTAssertNil(limitHit)
        }
    }

    func testRequestsDecodeOnTheServersSide() throws {
        let spec = ChildSpec(
            arguments: ["worker", "noop", "--warmup", "0", "", "name with spaces, <&> and é"],
            environment: ["PATH": "/usr/bin", "EMPTY": "", "EQUALS": "a=b"], workingDirectory: "/tmp/a dir",
            timeoutMs: 1_500, graceMs: 200, killSignal: SIGINT)
        let bytes = try LauncherRequest.encode(spec, iterations: 1, stopOnFailure: true)
        let newline = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "\n")))
        let job = try XCTUnwrap(ForkedJob(
            header: String(decoding: bytes[..<newline], as: UTF8.self), payload: Array(bytes[(newline + 1)...])))
        XCTAssertEqual(job.arguments, spec.arguments)
        XCTAssertEqual(Set(job.environment), Set(spec.effectiveEnvironment.map { "\($0.key)=\($0.value)" }))
        XCTAssertEqual(job.workingDirectory, "/tmp/a dir")
        XCTAssertEqual([job.timeoutMs, job.graceMs], [1_500, 200])
        XCTAssertEqual(job.killSignal, SIGINT)
        // A payload that does not hold what its header announces is refused, not guessed at.
        XCTAssertNil(ForkedJob(header: "R 1 1 0 0 15 2 0 0 4", payload: Array("abc\0".utf8)))
        XCTAssertNil(ForkedJob(header: "R 1 1 0 0 99 1 0 0 4", payload: Array("abc\0".utf8)))
        XCTAssertNil(ForkedJob(header: "garbage", payload: []))
    }

    func testAChildsAnnouncementRoundTrips() throws {
        let job = ForkedJob(
            arguments: ["worker"], environment: [], timeoutMs: 1_500, graceMs: 200, killSignal: SIGINT, workingDirectory: nil)
        let started = ChildAnnouncement(startedNs: 21_866_605_132_777, job: job, interrupted: true)
        var failed = ChildAnnouncement(startedNs: 5, failure: .directory(errno: ENOENT))
        let malformed = ChildAnnouncement(startedNs: 6, failure: .malformed)
        for announcement in [started, failed, malformed] {
            XCTAssertEqual(ChildAnnouncement(line: announcement.line), announcement, announcement.line)
        }
        XCTAssertEqual(started.line, "A 21866605132777 1500 200 2 1 -")
        XCTAssertEqual([started.job.timeoutMs, started.job.graceMs], [1_500, 200])
        XCTAssertEqual(started.job.killSignal, SIGINT)
        failed.failure = .directory(errno: EACCES)
        XCTAssertEqual(failed.line.split(separator: " ").last, "c\(EACCES)")
        for garbage in ["", "A 1 2 3", "A x 0 0 15 0 -", "A 1 0 0 15 2 -", "A 1 0 0 15 0 cx", "B 1 0 0 15 0 -"] {
            XCTAssertNil(ChildAnnouncement(line: garbage), garbage)
        }
    }
}
#endif

// The fork server exists only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import BenchIsolation
import BenchRunner
import Foundation
import Glibc
import PlatformSupport
import XCTest

/// benchboard's own fork server, spoken to directly: the child for the next request is forked
/// ahead and reads that request itself, and a request is never lost when that child is gone.
final class WorkerServerHandOverTests: XCTestCase {
    private var server: ForkServerClient!
    private var folder: String!

    override func setUpWithError() throws {
        try skipWithoutIsolation()
        let url = FileManager.default.temporaryDirectory.appending(path: "handover-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folder = url.path
        let products = CLIHarness.productsDirectory
        server = try ForkServerClient(
            launcherPath: products.appending(path: "benchboard-launcher").path,
            server: ChildSpec(arguments: [products.appending(path: "benchboard").path, "worker-server"], environment: [:]),
            temporaryDirectory: folder, useCgroups: false)
    }

    override func tearDown() {
        server?.shutdown()
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
    }

    private func job(_ name: String, directory: String? = nil, timeoutMs: Int = 10_000) -> ChildSpec {
        ChildSpec(
            arguments: WorkerInvocation(name: name, warmup: 0, iterations: 2).arguments, environment: ["PATH": "/usr/bin:/bin"],
            workingDirectory: directory, timeoutMs: timeoutMs, graceMs: 200)
    }

    /// The children of the server process once one is there (it is forked just after the server
    /// greets or reports), or none after 5 s.
    private func waitingChildren() throws -> [Int32] {
        let pid = server.processID
        for _ in 0..<500 {
            let text = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
            let children = text.split(separator: " ").compactMap { Int32($0) }
            if !children.isEmpty { return children }
            usleep(10_000)
        }
        return []
    }

    private func assertRan(_ batch: BatchResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(batch.iterations.map(\.termination), [.exited(0)], batch.stderrTail, file: file, line: line)
        let reading = WorkerStream.read(batch.resultLines)
        XCTAssertEqual(reading.report?.samplesNs.count, 2, "\(batch.resultLines)", file: file, line: line)
    }

    func testTheNextChildIsForkedAheadAndARequestOutlivesItsDeath() throws {
        // A child waits from the start, and again as soon as a benchmark is reported.
        for _ in 0..<2 {
            XCTAssertEqual(try waitingChildren().count, 1)
            assertRan(try server.run(job("noop")))
        }
        // Killed while it waits: the server reads the next request itself and runs it, or, when
        // the child was killed with the request already read, reports that child killed. Never
        // is the request lost, which would leave benchboard waiting for its answer.
        for child in try waitingChildren() { kill(child, SIGKILL) }
        let afterKill = try server.run(job("noop"))
        if afterKill.iterations.first?.termination != .signaled(SIGKILL) { assertRan(afterKill) }
        // Children wait again after that.
        assertRan(try server.run(job("noop")))
        XCTAssertEqual(try waitingChildren().count, 1)
    }

    func testAWaitingChildReportsAnUnusableDirectoryAndTheServerGoesOn() throws {
        let batch = try server.run(job("noop", directory: folder + "/missing"))
        guard case .spawnFailed(let code, _)? = batch.iterations.first?.termination else {
            return XCTFail("\(batch.iterations)")
        }
        XCTAssertEqual(code, ENOENT)
        assertRan(try server.run(job("noop", directory: folder)))
    }

    func testATimeoutStillEndsTheChildThatTookItsOwnRequest() throws {
        let batch = try server.run(job("hang", timeoutMs: 300))
        guard case .timedOut? = batch.iterations.first?.termination else { return XCTFail("\(batch.iterations)") }
        assertRan(try server.run(job("noop")))
    }
}
#endif

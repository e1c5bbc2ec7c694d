import Foundation
import PlatformSupport
import XCTest

/// End to end: where the machine offers a cgroup v1 memory controller, a command benchmark's run
/// file carries the peak of its whole process tree beside its max RSS.
final class CgroupMemoryRunTests: XCTestCase {
    override func setUpWithError() throws {
        try skipWithoutIsolation()
    }

    func testCommandBenchmarkRecordsItsCgroupPeak() throws {
        guard FileManager.default.isWritableFile(atPath: "/sys/fs/cgroup/memory") else {
            throw XCTSkip("no writable cgroup v1 memory controller at /sys/fs/cgroup/memory")
        }
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // Two 40 MiB programs at once, as grandchildren of the benchmark's shell.
        let fixture = CLIHarness.fixture
        try cli.write("config.toml", """
            [defaults]
            warmup = 0
            iterations = 2

            [[benchmark]]
            name = "two hogs"
            command = ["/bin/sh", "-c", \(tomlString("\(fixture) hog 40 & \(fixture) hog 40; wait"))]

            [[benchmark]]
            name = "in process"
            swift = "noop"
            """)
        let result = try cli.run(["run", "--no-report", "--no-isolation"])
        XCTAssertEqual(result.status, 0, result.stderr)

        let benchmarks = try XCTUnwrap(cli.historyRuns().first).benchmarks()
        let command = try XCTUnwrap(benchmarks.first?["resources"] as? [String: Any])
        let peak = try XCTUnwrap(command["cgroupPeakBytes"] as? Double, "\(command)")
        XCTAssertGreaterThanOrEqual(peak, 40 * 1024 * 1024)
        XCTAssertNotNil(command["maxRSSBytes"] as? Double, "max RSS stays the primary figure")
        // In-process, nothing ran in the cgroup: an explicit null, as for every other unknown.
        let inProcess = try XCTUnwrap(benchmarks.last?["resources"] as? [String: Any])
        XCTAssertTrue(inProcess.keys.contains("cgroupPeakBytes"))
        XCTAssertTrue(inProcess["cgroupPeakBytes"] is NSNull)
    }
}

import BenchConfig
import BenchIsolation
import BenchModel
import XCTest

@testable import BenchRunner

/// A benchmark's configured limits as the launcher takes them, as the run record states them,
/// and the sentence a hit becomes.
final class LimitPolicyTests: XCTestCase {
    private let all = ResourceLimits([.memory: 64, .processes: 8, .cpu: 2, .openFiles: 100, .output: 1.5])

    func testChildLimitsAreInTheLaunchersUnits() {
        XCTAssertEqual(
            LimitPolicy.childLimits(all),
            ChildLimits(memoryBytes: 64 << 20, processes: 8, cpuSeconds: 2, openFiles: 100, outputBytes: 1_572_864))
        XCTAssertEqual(LimitPolicy.childLimits(ResourceLimits()), ChildLimits.none)
    }

    func testAppliedLimitsNameTheMechanismOfTheExecutorThatRunsThem() throws {
        XCTAssertNil(LimitPolicy.applied(ResourceLimits(), capabilities: LauncherCapabilities()))
        let cgroups = try XCTUnwrap(LimitPolicy.applied(all, capabilities: LauncherCapabilities(memoryCgroup: true, pidsCgroup: true)))
        XCTAssertEqual(cgroups.map(\.resource), LimitedResource.allCases, "in the record's fixed order")
        XCTAssertEqual(cgroups.map(\.value), [64, 8, 2, 100, 1.5])
        XCTAssertEqual(cgroups.map(\.mechanism), [
            "cgroup v1 memory.limit_in_bytes", "cgroup v1 pids.max", "RLIMIT_CPU", "RLIMIT_NOFILE", "output drain",
        ])
        let rlimits = try XCTUnwrap(LimitPolicy.applied(all, capabilities: LauncherCapabilities()))
        XCTAssertEqual(rlimits.prefix(2).map(\.mechanism), ["RLIMIT_DATA", "RLIMIT_NPROC"])
        let inProcess = try XCTUnwrap(LimitPolicy.applied(ResourceLimits([.memory: 64]), capabilities: nil))
        XCTAssertEqual(inProcess.map(\.mechanism), ["not enforced (in-process)"])
    }

    func testEveryLimitKindMapsToItsResourceAndBack() {
        for resource in LimitedResource.allCases {
            XCTAssertEqual(LimitPolicy.resource(LimitKind(resource)), resource)
        }
    }

    func testSentenceNamesTheKeyTheValueAndTheMechanism() {
        let applied = LimitPolicy.applied(all, capabilities: LauncherCapabilities(memoryCgroup: true, pidsCgroup: false))
        XCTAssertEqual(
            LimitPolicy.sentence(.memory, limits: applied),
            "went over its max_memory_mb limit of 64 MB (cgroup v1 memory.limit_in_bytes)")
        XCTAssertEqual(LimitPolicy.sentence(.processes, limits: applied), "went over its max_processes limit of 8 processes (RLIMIT_NPROC)")
        XCTAssertEqual(LimitPolicy.sentence(.cpu, limits: applied), "went over its max_cpu_s limit of 2 s of CPU (RLIMIT_CPU)")
        XCTAssertEqual(LimitPolicy.sentence(.output, limits: applied), "went over its max_output_mb limit of 1.5 MB (output drain)")
        XCTAssertEqual(LimitPolicy.sentence(.openFiles, limits: nil), "went over its max_open_files limit")
    }
}

import Foundation
import XCTest

@testable import BenchIsolation

/// The machine's load and steal from two readings of /proc/stat.
final class MachineLoadTests: XCTestCase {
    func testSharesFromTheCPULine() throws {
        let start = try XCTUnwrap(MachineLoad.parse(Array("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3 4\n".utf8)))
        XCTAssertEqual(start, MachineLoad.Reading(total: 1000, idle: 850, steal: 0))
        let end = try XCTUnwrap(MachineLoad.parse(Array("cpu  160 0 70 900 60 0 0 10 5 0\n".utf8)))
        let load = try XCTUnwrap(MachineLoad(from: start, to: end))
        // 200 ticks passed: 110 idle or waiting, 10 stolen, 80 busy.
        XCTAssertEqual(load.busy, 0.4, accuracy: 1e-12)
        XCTAssertEqual(load.steal, 0.05, accuracy: 1e-12)
    }

    func testNoTickOrAForeignLineIsNoFigure() throws {
        let reading = MachineLoad.Reading(total: 10, idle: 5, steal: 0)
        XCTAssertNil(MachineLoad(from: reading, to: reading))
        XCTAssertNil(MachineLoad.parse(Array("intr 1 2 3\n".utf8)))
        XCTAssertNil(MachineLoad.parse(Array("cpu  1 x 3 4\n".utf8)))
    }

    func testThisMachinesCountersMoveForward() throws {
        guard let first = MachineLoad.read() else { throw XCTSkip("no /proc/stat") }
        var spin = 0
        let deadline = Date().addingTimeInterval(0.1)
        while Date() < deadline { spin &+= 1 }
        let second = try XCTUnwrap(MachineLoad.read())
        let load = try XCTUnwrap(MachineLoad(from: first, to: second), "100 ms of spinning passes several ticks")
        XCTAssertGreaterThan(load.busy, 0)
        XCTAssertLessThanOrEqual(load.busy + load.steal, 1)
    }
}

import XCTest

@testable import BenchIsolation

final class ProcessMemoryTests: XCTestCase {
    func testPeakGrowsWithAnAllocationAndResets() throws {
        // Read from /proc/self/status, which only Linux has.
        guard let resident = ProcessMemory.residentBytes() else { throw XCTSkip("this system has no /proc/self/status") }
        XCTAssertGreaterThan(resident, 0)
        guard ProcessMemory.resetPeak() else {
            throw XCTSkip("this kernel refuses to reset the peak")
        }
        let before = try XCTUnwrap(ProcessMemory.peakBytes())
        let size = 64 * 1024 * 1024
        do {
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
            defer { block.deallocate() }
            for offset in stride(from: 0, to: size, by: 4096) { block[offset] = 1 }
        }
        let peak = try XCTUnwrap(ProcessMemory.peakBytes())
        XCTAssertGreaterThanOrEqual(peak, before + UInt64(size) * 9 / 10)
        XCTAssertTrue(ProcessMemory.resetPeak())
        XCTAssertLessThan(try XCTUnwrap(ProcessMemory.peakBytes()), peak)
    }
}

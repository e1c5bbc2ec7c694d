import BenchModel
import XCTest

final class UnitFormatTests: XCTestCase {
    func testInstructionsUseDecimalUnits() {
        XCTAssertEqual(UnitFormat.instructions(850), "850 instr")
        XCTAssertEqual(UnitFormat.instructions(999), "999 instr")
        XCTAssertEqual(UnitFormat.instructions(1_000), "1.00K instr")
        XCTAssertEqual(UnitFormat.instructions(14_040), "14.04K instr")
        XCTAssertEqual(UnitFormat.instructions(101_630_000), "101.63M instr")
        XCTAssertEqual(UnitFormat.instructions(2_100_000_000), "2.10G instr")
        XCTAssertEqual(UnitFormat.instructions(-14_040), "-14.04K instr")
    }

    func testBytesUseBinaryUnits() {
        XCTAssertEqual(UnitFormat.bytes(0), "0 B")
        XCTAssertEqual(UnitFormat.bytes(1_023), "1023 B")
        XCTAssertEqual(UnitFormat.bytes(1_024), "1.0 KB")
        XCTAssertEqual(UnitFormat.bytes(46_284), "45.2 KB")
        XCTAssertEqual(UnitFormat.bytes(1_468_006), "1.4 MB")
        XCTAssertEqual(UnitFormat.bytes(3 << 30), "3.0 GB")
        // Past the largest unit the number grows rather than the unit.
        XCTAssertEqual(UnitFormat.bytes(UInt64.max), "16777216.0 TB")
    }

    func testPercentIsSignedWithADeadBandAroundZero() {
        XCTAssertEqual(UnitFormat.percent(12.34), "+12.3%")
        XCTAssertEqual(UnitFormat.percent(-4), "-4.0%")
        XCTAssertEqual(UnitFormat.percent(0), "±0.0%")
        XCTAssertEqual(UnitFormat.percent(0.049), "±0.0%")
        XCTAssertEqual(UnitFormat.percent(-0.049), "±0.0%")
        XCTAssertEqual(UnitFormat.percent(0.05), "+0.1%")
    }

    func testMetricFormatsInItsOwnUnit() {
        XCTAssertEqual(Metric.time.format(186_000), "186 µs")
        XCTAssertEqual(Metric.instructions.format(14_040), "14.04K instr")
    }
}

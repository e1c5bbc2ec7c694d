import BenchModel
import BenchStats
import Foundation
import XCTest

/// `FixedDecimal` must write what `String(format: "%.Nf")` writes for every value: compared over
/// edge values, rounding ties and their neighbours, and seeded random values of every magnitude.
final class FixedDecimalTests: XCTestCase {
    private func assertAgrees(_ value: Double, decimals: Int, file: StaticString = #filePath, line: UInt = #line) {
        let expected = String(format: "%.\(decimals)f", value)
        let written = FixedDecimal.string(value, decimals: decimals)
        if written != expected {
            XCTFail("\(value.debugDescription) at \(decimals): \(written), not \(expected)", file: file, line: line)
        }
    }

    private func assertAgreesWithNeighbours(_ value: Double, decimals: Int) {
        for candidate in [value, value.nextUp, value.nextDown, -value, -value.nextUp, -value.nextDown] {
            assertAgrees(candidate, decimals: decimals)
        }
    }

    func testEdgeValues() {
        let edges: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, 3.5, 0.05, 0.15, 0.25, 0.35, 0.45, 0.125, 0.375, 1.005, 2.675, 1.0005, 0.0005,
            0.049, 0.0499999, 9.95, 99.95, 999.5, 1023.95, 0.001, 0.0015, 1e-300, .leastNonzeroMagnitude,
            .leastNormalMagnitude, 1e15, 0x1p49, 0x1p50, 0x1p50 - 1, 0x1p52, 0x1p53, 1e16, 1e20, 1e300,
            .greatestFiniteMagnitude, .infinity, -.infinity, .nan, -.nan, 16_777_216, 4_503_599_627_370_495.5,
        ]
        for decimals in 0...9 {
            for value in edges { assertAgreesWithNeighbours(value, decimals: decimals) }
        }
    }

    func testPowersOfTenAndTheirHalves() {
        for decimals in 0...4 {
            for exponent in -20...20 {
                let power = pow(10, Double(exponent))
                assertAgreesWithNeighbours(power, decimals: decimals)
                assertAgreesWithNeighbours(power / 2, decimals: decimals)
                assertAgreesWithNeighbours(power * 5, decimals: decimals)
            }
        }
    }

    /// Values next to a rounding boundary: (k + 0.5) / 10^N, as close as Doubles get to it.
    func testSeededRoundingBoundaries() {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        for decimals in 0...4 {
            let scale = pow(10, Double(decimals))
            for _ in 0..<20_000 {
                let magnitude = pow(10, Double(generator.next() % 14))
                let k = Double(generator.next() % UInt64(magnitude))
                assertAgreesWithNeighbours((k + 0.5) / scale, decimals: decimals)
            }
        }
    }

    /// Log-uniform magnitudes from 10^-8 to 10^17 with random mantissas, and random bit patterns.
    func testSeededRandomValues() {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        for _ in 0..<100_000 {
            let exponent = Double(generator.next() % 2_500) / 100 - 8
            let value = pow(10, exponent) * (generator.next() % 2 == 0 ? 1 : -1)
            assertAgrees(value, decimals: Int(generator.next() % 4))
        }
        for _ in 0..<50_000 {
            assertAgrees(Double(bitPattern: generator.next()), decimals: Int(generator.next() % 10))
        }
        for _ in 0..<50_000 {
            // Short decimals such as measured percentages and sizes: 12.35, 0.045.
            let value = Double(Int64(bitPattern: generator.next()) % 10_000_000) / pow(10, Double(generator.next() % 6))
            assertAgrees(value, decimals: Int(generator.next() % 4))
        }
    }

    /// The unit formats that moved off `String(format:)` write what it wrote.
    func testUnitFormatsAgreeWithTheFormatter() {
        var generator = SeededGenerator(seed: 0x5EED_0003)
        var counts: [Double] = [0, -0.0, 0.4, -0.4, 0.5, 999.5, -999.5, 1000, 999_995, 1e9, 1e20, .nan, .infinity, -.infinity]
        var sizes: [UInt64] = [0, 1, 1023, 1024, 1025, 1_048_575, 1_048_576, 1_153_433, UInt64.max, UInt64.max - 1, 1 << 40, 1 << 50]
        var percents: [Double] = [0, 0.05, -0.05, 0.049, 0.15, -0.15, 0.25, 99.95, -99.95, 1e20, .nan, .infinity]
        for _ in 0..<30_000 {
            let magnitude = pow(10, Double(generator.next() % 1_400) / 100)
            counts.append(magnitude * (generator.next() % 3 == 0 ? -1 : 1))
            sizes.append(generator.next() >> (generator.next() % 64))
            percents.append((Double(generator.next() % 2_000_001) / 1_000 - 1_000) / pow(10, Double(generator.next() % 3)))
        }
        for count in counts {
            XCTAssertEqual(UnitFormat.instructions(count), Self.formatterInstructions(count))
        }
        for size in sizes {
            XCTAssertEqual(UnitFormat.bytes(size), Self.formatterBytes(size))
            let signed = Int64(truncatingIfNeeded: size >> 1)
            XCTAssertEqual(UnitFormat.mebibytes(signed), Self.formatterMebibytes(signed))
        }
        for percent in percents {
            XCTAssertEqual(UnitFormat.percent(percent), Self.formatterPercent(percent))
        }
    }

    // The formats as they were written with `String(format:)`.

    private static func formatterInstructions(_ count: Double) -> String {
        for (scale, unit) in [(1e9, "G"), (1e6, "M"), (1e3, "K")] where abs(count) >= scale {
            return String(format: "%.2f%@ instr", count / scale, unit)
        }
        return String(format: "%.0f instr", count)
    }

    private static func formatterBytes(_ bytes: UInt64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    private static func formatterMebibytes(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\(bytes) bytes" }
        return bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    private static func formatterPercent(_ value: Double) -> String {
        if abs(value) < 0.05 { return "±0.0%" }
        return String(format: "%@%.1f%%", value > 0 ? "+" : "-", abs(value))
    }
}

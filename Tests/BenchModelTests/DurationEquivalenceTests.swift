import BenchModel
import BenchStats
import Foundation
import XCTest

/// `UnitFormat.duration` writes its digits by hand; it must write what the straightforward
/// version (kept here) wrote for every value: seeded random magnitudes from 10^-12 to 10^22 ns,
/// the unit and rounding boundaries and their neighbours.
final class DurationEquivalenceTests: XCTestCase {
    private func assertAgrees(_ ns: Double, file: StaticString = #filePath, line: UInt = #line) {
        let expected = Self.reference(ns: ns)
        let written = UnitFormat.duration(ns: ns)
        if written != expected {
            XCTFail("\(ns.debugDescription): \(written), not \(expected)", file: file, line: line)
        }
    }

    func testBoundariesAndTheirNeighbours() {
        var values: [Double] = [0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e300]
        for exponent in -12...22 {
            let power = pow(10, Double(exponent))
            for factor in [1, 0.9995, 0.99949, 0.9995001, 1.0005, 0.5, 1.5, 2.5, 9.995, 99.95, 999.5] {
                values.append(power * factor)
            }
        }
        for value in values {
            for candidate in [value, value.nextUp, value.nextDown, -value] { assertAgrees(candidate) }
        }
    }

    func testSeededRandomDurations() {
        var generator = SeededGenerator(seed: 0x5EED_0004)
        for _ in 0..<200_000 {
            let exponent = Double(generator.next() % 3_400) / 100 - 12
            assertAgrees(pow(10, exponent))
        }
        for _ in 0..<50_000 {
            // Whole and half nanoseconds, as clocks and medians of two give them.
            assertAgrees(Double(generator.next() % 2_000_000_000) / 2)
        }
    }

    /// The implementation before the digits were written by hand.
    private static func reference(ns: Double) -> String {
        guard ns.isFinite else { return "–" }
        if ns < 0 { return "-" + reference(ns: -ns) }
        if ns == 0 { return "0 ns" }
        if ns >= 999_500_000_000 { return String(format: "%.0f s", ns / 1e9) }
        var exponent = Int(log10(ns).rounded(.down))
        func scaled(_ exponent: Int) -> Double {
            let shift = exponent - 2
            return shift >= 0 ? ns / pow(10, Double(shift)) : ns * pow(10, Double(-shift))
        }
        var rounded = scaled(exponent).rounded()
        if rounded < 100 { exponent -= 1; rounded = scaled(exponent).rounded() }
        if rounded >= 1000 { exponent += 1; rounded = scaled(exponent).rounded() }
        guard rounded >= 100, rounded < 1000 else { return "–" }
        let digits = Int(rounded)
        let unitExponent = min(9, max(0, exponent / 3 * 3))
        let unit = ["ns", "µs", "ms", "s"][unitExponent / 3]
        let decimals = unitExponent + 2 - exponent
        var text = String(digits)
        if decimals > 0 {
            text = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
            if unitExponent == 0 {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
        }
        return text + " " + unit
    }
}

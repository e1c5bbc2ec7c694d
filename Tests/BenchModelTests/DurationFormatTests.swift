import BenchModel
import XCTest

/// The one duration format: three significant digits in the unit that reads best.
final class DurationFormatTests: XCTestCase {
    private func format(_ ns: Double) -> String { UnitFormat.duration(ns: ns) }

    func testEachUnitShowsThreeSignificantDigits() {
        XCTAssertEqual(format(507), "507 ns")
        XCTAssertEqual(format(26_100), "26.1 µs")
        XCTAssertEqual(format(26_149), "26.1 µs")
        XCTAssertEqual(format(186_000), "186 µs")
        XCTAssertEqual(format(8_780_000), "8.78 ms")
        XCTAssertEqual(format(8_800_000), "8.80 ms", "a measured trailing zero stays")
        XCTAssertEqual(format(12_449_000), "12.4 ms")
        XCTAssertEqual(format(1_420_000_000), "1.42 s")
        XCTAssertEqual(format(59_900_000_000), "59.9 s")
        XCTAssertEqual(format(123_400_000_000), "123 s")
    }

    func testNanosecondsShowAFractionOnlyWhereThereIsOne() {
        XCTAssertEqual(format(30), "30 ns", "an empty closure, not 30.0 ns")
        XCTAssertEqual(format(30.5), "30.5 ns")
        XCTAssertEqual(format(2.354), "2.35 ns")
        XCTAssertEqual(format(0.312), "0.312 ns")
        XCTAssertEqual(format(0.5), "0.5 ns")
    }

    /// The unit is chosen after rounding, so a value never reads as 1000 of the smaller unit.
    func testUnitBoundariesFollowTheRoundedValue() {
        XCTAssertEqual(format(0), "0 ns")
        XCTAssertEqual(format(999.4), "999 ns")
        XCTAssertEqual(format(999.5), "1.00 µs")
        XCTAssertEqual(format(999.6), "1.00 µs")
        XCTAssertEqual(format(1_000), "1.00 µs")
        XCTAssertEqual(format(999_400), "999 µs")
        XCTAssertEqual(format(999_950), "1.00 ms")
        XCTAssertEqual(format(1_000_000), "1.00 ms")
        XCTAssertEqual(format(999_949_999), "1.00 s")
        XCTAssertEqual(format(999_400_000), "999 ms")
    }

    /// From 1000 s on, whole seconds: more digits rather than an exponent.
    func testVeryLongDurationsAreWholeSeconds() {
        XCTAssertEqual(format(999_400_000_000), "999 s")
        XCTAssertEqual(format(999_600_000_000), "1000 s")
        XCTAssertEqual(format(3_600_000_000_000), "3600 s")
        XCTAssertEqual(format(1e20), "100000000000 s")
    }

    /// History files refuse non-finite numbers, so these do not reach the format; should one,
    /// it reads as "no value" instead of a number.
    func testNegativeAndNonFiniteValues() {
        XCTAssertEqual(format(-26_100), "-26.1 µs")
        XCTAssertEqual(format(.nan), "–")
        XCTAssertEqual(format(.infinity), "–")
        XCTAssertEqual(format(-.infinity), "–")
    }

    func testCountsTakeTheSingularForExactlyOne() {
        XCTAssertEqual(UnitFormat.count(1, "run"), "1 run")
        XCTAssertEqual(UnitFormat.count(0, "run"), "0 runs")
        XCTAssertEqual(UnitFormat.count(12, "benchmark"), "12 benchmarks")
        XCTAssertEqual(UnitFormat.count(2, "child", plural: "children"), "2 children")
    }
}

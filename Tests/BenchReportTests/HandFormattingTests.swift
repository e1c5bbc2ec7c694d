// Needs internal types; `swift test -c release` builds without testability, so debug only.
#if DEBUG
@testable import BenchReport
import BenchStats
import Foundation
import XCTest

/// The report's own numbers written by hand (SVG coordinates, dates, p-values) read as they did
/// when written through interpolation and `String(format:)`.
final class HandFormattingTests: XCTestCase {
    func testCoordinatesReadAsTheInterpolatedOnes() {
        var values: [Double] = [0, -0.0, 0.05, -0.05, 0.04, -0.04, 0.06, -0.06, 0.95, -0.95, 1, -1, 10, -10, 74, 786, 1e14, -1e14,
            999_999_999_999_999, 1e15, -1e15, 1e300, .nan, .infinity, -.infinity, .leastNonzeroMagnitude]
        var generator = SeededGenerator(seed: 0x5EED_0101)
        for _ in 0..<100_000 {
            let magnitude = pow(10, Double(generator.next() % 1_700) / 100 - 2)
            let value = magnitude * (generator.next() % 2 == 0 ? 1 : -1)
            values.append(value)
            // Chart coordinates: a tenth either side of a rounding step.
            values.append((Double(Int64(generator.next() % 20_000) - 10_000) + 0.5) / 10)
        }
        for value in values {
            for keepZero in [false, true] {
                XCTAssertEqual(
                    ReportFormat.coordinate(value, keepZero: keepZero), Self.interpolated(value, keepZero: keepZero),
                    "\(value.debugDescription)")
            }
        }
    }

    func testPValuesReadAsFormatted() {
        var generator = SeededGenerator(seed: 0x5EED_0102)
        var values: [Double] = [0, 0.001, 0.0010001, 0.0015, 0.0025, 0.042, 0.05, 0.9995, 1, 0.5, 0.1235]
        for _ in 0..<50_000 { values.append(Double(generator.next() % 1_000_001) / 1_000_000) }
        for _ in 0..<50_000 { values.append(Double(generator.next() >> 11) / Double(1 << 53)) }
        for p in values {
            XCTAssertEqual(ReportFormat.pValue(p), p < 0.001 ? "p < 0.001" : "p = " + String(format: "%.3f", p), "\(p)")
        }
    }

    func testDatesReadAsTheInterpolatedOnes() {
        var generator = SeededGenerator(seed: 0x5EED_0103)
        var seconds: [Double] = [0, -1, 59, 60, 3_599, 3_600, 86_399, 86_400, 1_780_000_000, -62_135_596_800, 253_402_300_799, 1e11, -1e11]
        for _ in 0..<20_000 {
            seconds.append(Double(Int64(generator.next() % 8_000_000_000) - 2_000_000_000))
            seconds.append(Double(generator.next() % 100_000_000_000) / 7)
        }
        for second in seconds {
            let date = Date(timeIntervalSince1970: second)
            XCTAssertEqual(ReportFormat.date(date), Self.interpolatedDate(date), "\(second)")
            XCTAssertEqual(ReportFormat.day(date), String(Self.interpolatedDate(date).prefix { $0 != " " }), "\(second)")
            XCTAssertEqual(ReportFormat.time(date), Self.interpolatedTime(date), "\(second)")
        }
    }

    /// The dates as they were written with interpolation.
    private static func interpolatedDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday)) \(pad(parts.tm_hour)):\(pad(parts.tm_min)) UTC"
    }

    private static func interpolatedTime(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(pad(parts.tm_hour)):\(pad(parts.tm_min))"
    }

    private static func pad(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// `coordinate` as it was written with interpolation.
    private static func interpolated(_ value: Double, keepZero: Bool) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        if tenths < 0, whole == 0 { return "-0.\(fraction)" }
        return fraction == 0 && !keepZero ? "\(whole)" : "\(whole).\(fraction)"
    }
}
#endif

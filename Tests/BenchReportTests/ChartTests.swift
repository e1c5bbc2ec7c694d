import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

final class ChartTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    private func chart(_ medians: [Double], spacing: TimeInterval = 3600) throws -> XMLDocument {
        let runs = medians.enumerated().map { index, median in
            var record = Fixtures.run(index, [Fixtures.ok("Parse", medianNs: median)])
            record.startedAt = Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * spacing)
            return ReportRun(record: record)
        }
        try ReportRenderer().write(ReportInput(runs: runs), to: output)
        return try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
    }

    private let all = "//*[local-name()='figure'][@id='all']/*[local-name()='svg']"

    /// Ticks used to read 16.028 / 53.545 / 91.061 ms.
    func testYTicksAreRoundInOneUnitPerChart() throws {
        let medians = (0..<20).map { 16_028_000 + Double($0) * 3_950_000 }
        let page = try chart(medians)
        let labels = try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='ylabel']")
        XCTAssertEqual(try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='yunit']"), ["ms"])
        let values = labels.compactMap(Double.init)
        XCTAssertEqual(values.count, labels.count, "numbers only, the unit is written once: \(labels)")
        XCTAssertGreaterThanOrEqual(values.count, 4)
        guard values.count >= 4 else { return }
        let step = values[1] - values[0]
        var magnitude = 1.0
        while magnitude * 10 <= step { magnitude *= 10 }
        while magnitude > step { magnitude /= 10 }
        XCTAssertTrue([1, 2, 2.5, 5].contains { abs(step - $0 * magnitude) < 1e-9 * step }, "step \(step) in \(labels)")
        for (a, b) in zip(values, values.dropFirst()) { XCTAssertEqual(b - a, step, accuracy: step * 1e-9, "\(labels)") }
        XCTAssertLessThanOrEqual(values.first ?? .infinity, 16.028)
        XCTAssertGreaterThanOrEqual(values.last ?? 0, 16.028 + 19 * 3.95)

        // Microseconds get their own unit.
        let small = try chart((0..<10).map { 1_200 + Double($0) * 30 })
        XCTAssertEqual(try Fixtures.texts(small, "\(all)/*[local-name()='text'][@class='yunit']"), ["µs"])
    }

    /// Every x label used to read the same date when the runs were hours apart.
    func testXLabelsNeverRepeat() throws {
        let spacings: [TimeInterval] = [600, 3600, 5, 259_200]
        for spacing in spacings {
            let page = try chart((0..<40).map { 1_000_000 + Double($0 % 3) * 1000 }, spacing: spacing)
            let labels = try Fixtures.texts(page, "\(all)/*[local-name()='text'][@class='xlabel']")
            XCTAssertGreaterThan(labels.count, 1)
            XCTAssertEqual(Set(labels).count, labels.count, "spacing \(spacing) s: \(labels)")
            XCTAssertTrue(labels[0].hasPrefix("2026-"), "the first label names the day: \(labels)")
        }
    }

    /// At 390 px the 800-unit-wide chart shrinks to about 350 px: its text must stay ≥ 10 px.
    func testChartTextStaysReadableOnAPhone() throws {
        _ = try chart([1_000_000, 1_100_000])
        let css = try String(contentsOf: output.appendingPathComponent("style.css"), encoding: .utf8)
        let phone = try XCTUnwrap(css.range(of: "@media (max-width: 480px)"), "a rule for phone widths")
        let rule = try XCTUnwrap(css[phone.upperBound...].range(of: #"svg\.chart text \{ font-size: (\d+)px; \}"#, options: .regularExpression))
        let size = try XCTUnwrap(Double(css[rule].filter(\.isNumber)))
        let viewBox: Double = 800
        // 390 px less the main padding (2 × 10), the chart box padding (2 × 12) and its borders.
        let shown: Double = 390 - 20 - 24 - 2
        XCTAssertGreaterThanOrEqual(size * shown / viewBox, 10)
    }

    /// On a phone only Status, Benchmark, Median and Change stay, so Change needs no sideways scrolling.
    func testPhoneWidthKeepsTheChangeColumn() throws {
        try ReportRenderer().write(Fixtures.history(), to: output)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let head = "(//*[local-name()='table'][.//*[local-name()='th'][.='Status']])[1]//*[local-name()='th']"
        let visible = try page.nodes(forXPath: "\(head)[not(contains(@class, 'hide-narrow'))]").map { $0.stringValue ?? "" }
        XCTAssertEqual(visible, ["Status", "Benchmark", "Median", "Change"])
        let css = try String(contentsOf: output.appendingPathComponent("style.css"), encoding: .utf8)
        XCTAssertNotNil(css.range(of: #"@media \(max-width: 720px\) \{[^@]*\.hide-narrow \{ display: none; \}"#, options: .regularExpression))
    }
}

// Needs internal types; `swift test -c release` builds without testability, so debug only.
#if DEBUG
@testable import BenchReport
import Foundation
import XCTest

/// Every file of a report rendered through the fast template path and through the library
/// alone, into `folder`, must have the same bytes (`TemplateRenderer` may only fall back to the
/// library, never disagree with it).
func assertFastPathMatchesLibrary(
    _ input: ReportInput, options: ReportOptions = .init(), _ label: String, in folder: URL
) throws {
    let fast = folder.appendingPathComponent("fast-\(label)")
    let library = folder.appendingPathComponent("library-\(label)")
    let written = try ReportRenderer(options: options, fastTemplates: true).write(input, to: fast)
    _ = try ReportRenderer(options: options, fastTemplates: false).write(input, to: library)
    XCTAssertGreaterThan(written.count, 5, label)
    for file in written {
        let relative = String(file.standardizedFileURL.path.dropFirst(fast.standardizedFileURL.path.count))
        let expected = try Data(contentsOf: URL(fileURLWithPath: library.path + relative))
        XCTAssertEqual(try Data(contentsOf: file), expected, "\(label): \(relative) differs from the library's")
    }
}
#endif

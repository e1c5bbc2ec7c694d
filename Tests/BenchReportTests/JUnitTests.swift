import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

final class JUnitTests: XCTestCase {
    private func document(_ options: ReportOptions = .init()) throws -> XMLDocument {
        let xml = try ReportRenderer(options: options).junitXML(Fixtures.history())
        let data = Data(xml.utf8)
        Fixtures.assertWellFormed(data, "junit.xml")
        return try XMLDocument(data: data)
    }

    func testShapeClassnamesAndTimes() throws {
        let junit = try document()
        XCTAssertEqual(junit.rootElement()?.name, "testsuites")
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/@tests"), ["4"])
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/@failures"), ["2"])
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/testsuite/@name"), ["core", "io"])
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/testsuite/testcase/@name"), ["Parse", "Sort", "Encode", "Spin"])
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase[@name='Encode']/@classname"), ["io"])
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase[@name='Parse']/@time"), ["0.012"])
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase[@name='Spin']/@time"), ["0.700"])
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase/failure/@type"), ["failed", "timeout"])
        let body = try Fixtures.texts(junit, "//testcase[@name='Sort']/failure")
        XCTAssertTrue(body.first?.contains("Fatal error: <bad> & \"worse\"") ?? false, "\(body)")
        XCTAssertEqual(try Fixtures.texts(junit, "//testsuite[@name='io']/@failures"), ["1"])
    }

    func testSlowAndRegressionFailuresAreOptIn() throws {
        let strict = try document(ReportOptions(slowIsFailure: true, regressionIsFailure: true))
        XCTAssertEqual(try Fixtures.texts(strict, "//testcase/failure/@type"), ["regression", "failed", "slow", "timeout"])
        XCTAssertEqual(try Fixtures.texts(strict, "/testsuites/@failures"), ["4"])
        // The message is for people (readable unit); the time attribute stays in seconds.
        XCTAssertEqual(
            try Fixtures.texts(strict, "//testcase[@name='Encode']/failure/@message"), ["❌ Slow: median 204 µs over its target 100 µs"])
        XCTAssertEqual(try Fixtures.texts(strict, "//testcase[@name='Encode']/@time"), ["0.012"])
    }

    /// junit.xml is serialised by benchboard's own writer: every hostile character must come
    /// back out of a real XML parser as the same text (control characters, which XML cannot carry,
    /// as visible escapes such as `\u{7}`).
    func testHostileTextRoundTripsThroughAnXMLParser() throws {
        let name = "<script>alert('x')</script> & \"q\" ../../etc/passwd"
        let group = "a\tb]]>c"
        var result = Fixtures.failed(name, group: group, stderr: "line one\nbell \u{07} <tag attr=\"v\"> & done ]]>")
        result.error = "exited with code 1"
        let input = ReportInput(runs: [ReportRun(record: Fixtures.run(0, [result]))])
        let xml = try ReportRenderer().junitXML(input)
        let data = Data(xml.utf8)
        Fixtures.assertWellFormed(data, "junit.xml")
        let junit = try XMLDocument(data: data)
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase/@name"), [name])
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase/@classname"), [group], "a tab in an attribute survives as &#9;")
        let body = try XCTUnwrap(Fixtures.texts(junit, "//testcase/failure").first)
        XCTAssertTrue(body.contains("bell \\u{7} <tag attr=\"v\"> & done ]]>"), body)
        XCTAssertEqual(try Fixtures.texts(junit, "//testcase/system-out").count, 1)
    }
}

import XCTest

@testable import BenchIsolation

/// The caps on what is kept of the children's output.
final class OutputBufferTests: XCTestCase {
    private func feed<T>(_ target: inout T, _ text: String, _ append: (inout T, UnsafeRawBufferPointer) -> Void) {
        Array(text.utf8).withUnsafeBytes { append(&target, $0) }
    }

    func testTailKeepsTheEndAndCountsEverything() {
        var tail = OutputTail(capacity: 8)
        for _ in 0..<10 { feed(&tail, "abcdef") { $0.append($1) } }
        XCTAssertEqual(tail.totalBytes, 60)
        XCTAssertEqual(tail.text, "efabcdef")
    }

    func testTailDropsACutCharacter() {
        var tail = OutputTail(capacity: 4)
        feed(&tail, "aaaé€") { $0.append($1) }  // é is 2 bytes, € is 3: the tail starts inside é
        XCTAssertEqual(tail.text, "€")
    }

    func testResultLinesAcrossChunksAndCap() {
        var channel = ResultChannel(capacity: 20)
        feed(&channel, "{\"a\":1}\n{\"b\"") { $0.append($1) }
        feed(&channel, ":2}\n\n") { $0.append($1) }
        feed(&channel, "0123456789012345678901234\n{}\n") { $0.append($1) }
        channel.endOfWriter()
        XCTAssertEqual(channel.lines, ["{\"a\":1}", "{\"b\":2}", "{}"])
        XCTAssertEqual(channel.droppedBytes, 25)
    }
}

import Foundation
import XCTest

@testable import BenchHistory

/// The hash of a file read a piece at a time is the hash of its bytes in memory, whatever the
/// length (words split across lanes and pieces, a tail of 1–7 bytes), and it tells bytes apart.
final class ContentHashTests: XCTestCase {
    func testAFileReadInPiecesHashesAsItsBytes() throws {
        let folder = try temporaryFolder(self)
        var generator = SystemRandomNumberGenerator()
        let all = (0..<((1 << 21) + 77)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let url = folder.appendingPathComponent("bytes")
        try Data(all).write(to: url)
        let file = try XCTUnwrap(CacheFile.open(url))
        for count in [0, 1, 7, 8, 9, 31, 32, 33, 1000, (1 << 20) - 3, 1 << 20, (1 << 20) + 8, (1 << 20) + 29, (1 << 21) + 77] {
            let expected = all.withUnsafeBytes { ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            XCTAssertEqual(file.hash(count: count), expected, "\(count) bytes")
        }
        XCTAssertNil(file.hash(count: all.count + 1), "past the end")
        var changed = all
        changed[12345] ^= 1
        XCTAssertNotEqual(ContentHash.of(Data(changed)), ContentHash.of(Data(all)))
        XCTAssertNotEqual(ContentHash.of(Data(all.dropLast())), ContentHash.of(Data(all)))
    }
}

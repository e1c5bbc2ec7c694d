import Foundation
import XCTest

@testable import BenchHistory

/// The hash of a file read a piece at a time is the hash of its bytes in memory, whatever the
/// length (words split across lanes and pieces, a tail of 1–7 bytes), and it tells bytes apart;
/// so does the cache's checksum, whose parts are hashed on every core.
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

    func testTheChecksumOfAFileIsTheChecksumOfItsBytesAcrossParts() throws {
        let folder = try temporaryFolder(self)
        var generator = SystemRandomNumberGenerator()
        let part = CacheChecksum.part
        let all = (0..<(2 * part + 4099)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let url = folder.appendingPathComponent("bytes")
        try Data(all).write(to: url)
        let file = try XCTUnwrap(CacheFile.open(url))
        var seen: Set<UInt64> = []
        for count in [0, 5, 8, part - 1, part, part + 3, 2 * part, all.count] {
            let expected = all.withUnsafeBytes { CacheChecksum.of(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            XCTAssertEqual(file.checksum(count: count), expected, "\(count) bytes")
            XCTAssertTrue(seen.insert(expected).inserted, "\(count) bytes: a checksum of its own")
        }
        XCTAssertNil(file.checksum(count: all.count + 1), "past the end")
        var changed = all
        changed[part + 17] ^= 0x40
        XCTAssertNotEqual(
            changed.withUnsafeBytes { CacheChecksum.of($0) }, all.withUnsafeBytes { CacheChecksum.of($0) }, "one bit in the second part")
    }
}


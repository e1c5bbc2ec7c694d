// The launcher, the fork server and containment exist only where benchboard isolates (Linux).
#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc
import XCTest

@testable import BenchIsolation

/// The read loop both drains use on their output pipes.
final class FileDescriptorIOTests: XCTestCase {
    func testReadAvailableStopsAfterItsRoundsAndAtEAGAIN() throws {
        let (readEnd, writeEnd) = try FileDescriptorIO.pipe()
        defer { FileDescriptorIO.closeAll([readEnd, writeEnd]) }
        FileDescriptorIO.setNonBlocking(readEnd)
        XCTAssertEqual(write(writeEnd, "hello world", 11), 11)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 1)
        defer { scratch.deallocate() }
        var chunks: [String] = []
        FileDescriptorIO.readAvailable(readEnd, scratch: scratch, rounds: 2) { chunks.append(String(decoding: $0, as: UTF8.self)) }
        XCTAssertEqual(chunks, ["hell", "o wo"])
        // The rest, then EAGAIN on the empty pipe ends the loop without blocking.
        FileDescriptorIO.readAvailable(readEnd, scratch: scratch, rounds: .max) { chunks.append(String(decoding: $0, as: UTF8.self)) }
        XCTAssertEqual(chunks, ["hell", "o wo", "rld"])
    }
}
#endif

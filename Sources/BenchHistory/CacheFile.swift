import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A report cache file, open for reading at any offset (`pread`).
///
/// Why not read it whole, or map it: `runs.bin` is hundreds of MB at thousands of runs, and a
/// report reads its entries' headers and the digests of their runs, and the whole results of a
/// hundred runs or so. Read whole, the file would be the report's memory; mapped, the kernel maps
/// the page cache's large folios around every page touched, so touching the digests makes nearly
/// all of it resident (measured: 766 MB of a 783 MB file by touching one byte every 160 KB). Read
/// piece by piece, only what is used is copied into the process. The one open file also means a
/// cache replaced meanwhile (another report writing) is never checked as one file and read as
/// another.
final class CacheFile: Sendable {
    private let descriptor: Int32
    let size: Int

    private init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    /// Nil when the file cannot be opened or is not a regular file (missing above all): no cache.
    static func open(_ url: URL) -> CacheFile? {
        let descriptor = url.withUnsafeFileSystemRepresentation { path in
            path.map { openFile($0) } ?? -1
        }
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        return CacheFile(descriptor: descriptor, size: Int(info.st_size))
    }

    private static func openFile(_ path: UnsafePointer<CChar>) -> Int32 {
        #if canImport(Glibc)
            Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
            Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
    }

    /// `count` bytes from `offset`; nil when the file is shorter or cannot be read.
    func read(at offset: Int, count: Int) -> Data? {
        var data = Data(count: count)
        let complete = data.withUnsafeMutableBytes { read(at: offset, into: $0) }
        return complete ? data : nil
    }

    /// Fills `buffer` with the bytes from `offset`; false when the file is shorter or cannot be read.
    private func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        let count = buffer.count
        guard offset >= 0, offset + count <= size else { return false }
        var done = 0
        while done < count {
            let got = pread(descriptor, buffer.baseAddress?.advanced(by: done), count - done, off_t(offset + done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }

    /// `CacheChecksum` of the first `count` bytes, its parts read and hashed on every core.
    func checksum(count: Int) -> UInt64? {
        guard count <= size else { return nil }
        return CacheChecksum.of(count: count) { offset, length in self.hash(from: offset, count: length) }
    }

    /// `ContentHash` of `count` bytes from `offset`, read into one buffer a piece at a time:
    /// neither holding nor mapping a file of hundreds of MB would do.
    func hash(from start: Int = 0, count: Int) -> UInt64? {
        var state = ContentHash.State(count: count)
        // At most 1 MiB, no more than the bytes need; each piece but the tail is whole words.
        let chunk = min(1 << 20, max(8, count))
        var buffer = [UInt8](repeating: 0, count: chunk)
        var offset = 0
        while count - offset >= 8 {
            let wanted = min(chunk, (count - offset) / 8 * 8)
            guard
                buffer.withUnsafeMutableBytes({
                    read(at: start + offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]))
                })
            else { return nil }
            buffer.withUnsafeBytes { state.add(words: UnsafeRawBufferPointer(rebasing: $0[..<wanted])) }
            offset += wanted
        }
        let rest = count - offset
        guard
            buffer.withUnsafeMutableBytes({ read(at: start + offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<rest])) })
        else { return nil }
        return buffer.withUnsafeBytes { state.finish(tail: UnsafeRawBufferPointer(rebasing: $0[..<rest])) }
    }
}

/// An entry's encoded runs (`CacheEntry.payload`), or a whole cache file: bytes in memory (a
/// source decoded by this process, a small file), or a range of an open `CacheFile`, read when
/// needed. Copied into the next cache file as they are.
enum CachePayload: Sendable {
    case bytes(Data)
    case stored(CacheFile, offset: Int, count: Int)

    var count: Int {
        switch self {
        case let .bytes(data): data.count
        case let .stored(_, _, count): count
        }
    }

    /// All of it; nil when it cannot be read.
    func bytes() -> Data? {
        bytes(at: 0, count: count)
    }

    /// Up to `count` bytes from `offset` within it (fewer at its end); nil past its end or unreadable.
    func bytes(at offset: Int, count wanted: Int) -> Data? {
        guard offset >= 0, offset <= count else { return nil }
        let length = min(wanted, count - offset)
        switch self {
        case let .bytes(data):
            let start = data.startIndex + offset
            return data[start..<(start + length)]
        case let .stored(file, base, _):
            return file.read(at: base + offset, count: length)
        }
    }

    /// The part from `offset`, `count` bytes long (`nil` past its end).
    func slice(at offset: Int, count length: Int) -> CachePayload? {
        guard offset >= 0, length >= 0, offset + length <= count else { return nil }
        switch self {
        case let .bytes(data):
            let start = data.startIndex + offset
            return .bytes(data[start..<(start + length)])
        case let .stored(file, base, _):
            return .stored(file, offset: base + offset, count: length)
        }
    }

    /// `CacheChecksum` of all but the last 8 bytes (where a cache file keeps its checksum).
    func checksumOfBody() -> UInt64? {
        guard count >= 8 else { return nil }
        switch self {
        case let .bytes(data):
            return data.withUnsafeBytes { CacheChecksum.of(UnsafeRawBufferPointer(rebasing: $0[..<(count - 8)])) }
        case let .stored(file, base, _):
            guard base == 0, count == file.size else {
                return bytes(at: 0, count: count - 8).map { $0.withUnsafeBytes { CacheChecksum.of($0) } }
            }
            return file.checksum(count: count - 8)
        }
    }
}

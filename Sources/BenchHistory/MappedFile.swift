import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only, with the hash of all its bytes but the last eight (where the report
/// cache keeps its checksum), computed by reading the same open file a piece at a time.
///
/// Why mapped and hashed apart: the report cache is tens to hundreds of MB, and a report touches
/// only the digests of most runs in it; a mapping makes resident only the pages read, while
/// hashing through the mapping would make every page resident. Hashing and mapping the one open
/// file also means a cache replaced between the two (another report writing) is never checked as
/// one file and read as another.
struct MappedFile {
    /// The file's bytes; unmapped when the last copy of it (or of a slice) is gone.
    let data: Data
    /// `ContentHash` of all but the last 8 bytes; nil for a file shorter than 8 bytes.
    let bodyHash: UInt64?

    /// Nil when the file cannot be opened, read or mapped (missing above all): no cache.
    static func map(_ url: URL) -> MappedFile? {
        let descriptor = url.withUnsafeFileSystemRepresentation { path in path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? -1 }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return MappedFile(data: Data(), bodyHash: nil) }
        let hash = size >= 8 ? ContentHash.of(descriptor: descriptor, count: size - 8) : nil
        if size >= 8, hash == nil { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        let data = Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
        return MappedFile(data: data, bodyHash: hash)
    }
}

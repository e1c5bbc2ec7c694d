import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a report file whole: the bytes go to a hidden temporary beside it, which then takes the
/// file's name, so a reader (a web server, a browser) sees the old page or the new one, never part
/// of one.
///
/// Why not `Data.write(options: .atomic)`: it also flushes each file to disk, which a report's
/// hundreds of pages wait on (a tenth of a warm report at 300 benchmarks). Pages are derived and
/// written again by the next report; after a power loss the worst is an old page.
enum PageFile {
    /// nil, or why the file could not be written.
    static func save(_ bytes: UnsafeBufferPointer<UInt8>, to file: URL) -> String? {
        let directory = file.deletingLastPathComponent()
        let random = UUID().uuidString.lowercased().prefix(8)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(random).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                return reason
            }
            offset += written
        }
        guard close(descriptor) == 0, rename(temporary, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }
}

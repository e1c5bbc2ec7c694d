import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creating a file under a name that must not exist yet, with the content complete before the
/// name appears.
enum AtomicFile {
    static func create(_ data: Data, in directory: URL, candidates: some Sequence<String>) throws(HistoryError) -> URL {
        guard let created = try createFirstFree(data, in: directory, candidates: candidates) else {
            throw .cannotWrite(directory, reason: "every candidate file name is taken")
        }
        return created
    }

    /// Like `create`, but nil when every candidate name already exists.
    static func createFirstFree(_ data: Data, in directory: URL, candidates: some Sequence<String>) throws(HistoryError) -> URL? {
        let temporary = directory.appendingPathComponent(TemporaryName.make())
        let code = writeNew(data, to: temporary)
        guard code == 0 else { throw .cannotWrite(temporary, reason: message(code)) }
        defer { unlink(temporary.path) }
        for name in candidates {
            let final = directory.appendingPathComponent(name)
            if link(temporary.path, final.path) == 0 {
                syncDirectory(directory)
                return final
            }
            let code = errno
            if code == EEXIST { continue }
            if [EPERM, EOPNOTSUPP, ENOSYS, EMLINK, EXDEV].contains(code) {
                // A file system without hard links: create the final name exclusively instead.
                // Still never replaces a file; a reader racing the write may see it incomplete
                // and skips it with a warning.
                let fallback = writeNew(data, to: final)
                if fallback == EEXIST { continue }
                guard fallback == 0 else { throw .cannotWrite(final, reason: message(fallback)) }
                syncDirectory(directory)
                return final
            }
            throw .cannotWrite(final, reason: message(code))
        }
        return nil
    }

    /// Writes `data` to a path that must not exist (O_EXCL), flushed to disk before returning.
    /// Returns 0 or the errno of what failed (a partial file is removed again).
    static func writeNew(_ data: Data, to url: URL) -> Int32 {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        var failure: Int32?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let start = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, start + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if let failure {
            unlink(url.path)
            return failure
        }
        return 0
    }

    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Makes the new directory entry durable too, so a crash right after a run keeps its file.
    static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// The OS's words for a Foundation file error.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

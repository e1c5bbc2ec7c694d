import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a run file's bytes only when it is a regular file no larger than the cap.
///
/// The file is opened first (non-blocking, so a FIFO cannot hang the open) and the checks are
/// made with `fstat` on that descriptor, so what is checked is what is read: a file swapped for
/// a link to /dev/zero between a check and the read cannot slip through. Nothing is read before
/// the size is known, and never more than the cap, so a stray 1 GB `*.json` costs nothing.
enum RunFileReader {
    static func contents(of url: URL, maxBytes: Int64) -> Result<Data, RunFileProblem> {
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else { return .failure(.notRegular(kind(of: type))) }
        let size = Int64(info.st_size)
        if let problem = RunFileProblem.oversize(size, limit: maxBytes) { return .failure(problem) }
        // A file that grows while it is read stops at the cap (+1 byte, to notice it grew past).
        let capacity = Int(min(size, maxBytes)) + 1
        var data = Data(count: capacity)
        var total = 0
        let failure: Int32? = data.withUnsafeMutableBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            while total < capacity {
                let count = read(fd, base + total, capacity - total)
                if count > 0 {
                    total += count
                } else if count == 0 {
                    return nil
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
        if let failure { return .failure(.unreadable(String(cString: strerror(failure)))) }
        if let problem = RunFileProblem.oversize(Int64(total), limit: maxBytes) { return .failure(problem) }
        data.count = total
        return .success(data)
    }

    /// "a folder", "a FIFO", … for the warning.
    private static func kind(of type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "something else"
        }
    }
}

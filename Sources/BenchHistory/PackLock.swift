import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive `flock` on `.pack.lock` that one `pack` at a time holds in a history folder
/// (hidden, so loaders skip it; it is never removed, since removing a lock file others may have
/// open would let two holders in). The lock goes with the descriptor, so a process that dies
/// holding it releases it.
struct PackLock {
    private let fd: Int32

    init(directory: URL) throws(HistoryError) {
        let url = directory.appendingPathComponent(".pack.lock", isDirectory: false)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(url, reason: AtomicFile.message(errno)) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(fd)
                throw .cannotWrite(url, reason: "cannot lock it: \(AtomicFile.message(code))")
            }
        }
        self.fd = fd
    }

    func release() {
        close(fd)
    }
}

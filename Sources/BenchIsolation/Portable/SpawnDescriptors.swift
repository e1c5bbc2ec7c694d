#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The descriptor work of `PosixSpawner`, with errno turned into `IsolationError`.
enum SpawnDescriptors {
    /// A pipe whose ends are close-on-exec and numbered 10 or more: the child gets them only as
    /// the 1, 2 and 3 it is given, and placing them there never overwrites one not yet placed.
    /// (Darwin has no pipe2; the ends are moved at once, and a child spawned by another thread in
    /// between could inherit them, which only delays an end of file nothing here waits for.)
    static func makePipe() throws(IsolationError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .systemCall("pipe", errno: errno) }
        var moved: [Int32] = []
        for fd in fds {
            let copy = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            let code = errno
            close(fd)
            guard copy >= 0 else {
                closeAll(moved)
                throw .systemCall("fcntl(F_DUPFD_CLOEXEC)", errno: code)
            }
            moved.append(copy)
        }
        return (moved[0], moved[1])
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// Reads what a non-blocking `fd` holds, at most `rounds` reads (a writer that never pauses
    /// must not starve the other pipes and the deadlines), handing each chunk to `take`. True at
    /// end of file or on an error other than "nothing more for now".
    static func readAvailable(
        _ fd: Int32, scratch: UnsafeMutableRawBufferPointer, rounds: Int, _ take: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        for _ in 0..<rounds {
            let count = read(fd, scratch.baseAddress, scratch.count)
            if count > 0 {
                take(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return false }
            return true
        }
        return false
    }
}

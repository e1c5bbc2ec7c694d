#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// The few descriptor operations the engine needs, with errno turned into `IsolationError`.
enum FileDescriptorIO {
    /// A close-on-exec pipe. Glibc's module does not offer pipe2, so a spawn on another thread in
    /// between could inherit the ends; harmless here, as nothing waits for EOF on these pipes
    /// (the launcher's lifeline is the socket pair, created close-on-exec atomically).
    static func pipe() throws(IsolationError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else { throw .systemCall("pipe", errno: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// A stream socket pair, close-on-exec from the start. Writes use MSG_NOSIGNAL, so a dead
    /// launcher gives EPIPE instead of a SIGPIPE that would kill benchboard.
    static func socketPair() throws(IsolationError) -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { throw .systemCall("socketpair", errno: errno) }
        return (fds[0], fds[1])
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// A close-on-exec copy of `fd` numbered at least `minimum`.
    static func duplicate(_ fd: Int32, atLeast minimum: Int32) throws(IsolationError) -> Int32 {
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, minimum)
        guard copy >= 0 else { throw .systemCall("fcntl(F_DUPFD_CLOEXEC)", errno: errno) }
        return copy
    }

    /// Sends every byte on a socket, retrying partial writes; returns the errno on failure.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], dontWait: Bool = false) -> Int32? {
        var offset = 0
        let flags = Int32(MSG_NOSIGNAL) | (dontWait ? Int32(MSG_DONTWAIT) : 0)
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return send(fd, base + offset, buffer.count - offset, flags)
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += sent
        }
        return nil
    }

    /// Reads what a non-blocking `fd` holds until EAGAIN or its end, at most `rounds` reads so
    /// one flooding stream cannot starve the others, handing each chunk to `take`. A chunk lives in
    /// `scratch` and is valid only during the call: nothing is allocated per read.
    static func readAvailable(
        _ fd: Int32, scratch: UnsafeMutableRawBufferPointer, rounds: Int, _ take: (UnsafeRawBufferPointer) -> Void
    ) {
        var round = 0
        while round < rounds {
            round += 1
            let count = read(fd, scratch.baseAddress, scratch.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            take(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
        }
    }

    static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }
}
#endif

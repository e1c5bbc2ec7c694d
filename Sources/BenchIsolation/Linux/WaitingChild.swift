#if os(Linux) && !BENCHBOARD_PORTABLE
import CBenchSystem
import Glibc

/// A child of the fork server, forked before its request arrives: it reads the request from
/// benchboard's request pipe itself, so nothing wakes between benchboard's write and the start of
/// the benchmark, and the fork, the faults of a fresh copy of the server and the child's own
/// start-up (`ForkServer.Preparation`) are paid while benchboard is busy with the previous result.
///
/// The child sets up what does not depend on the request (its own process group, default
/// signals, the shared pipes as fd 1, 2 and 3), runs the preparation, then reads one request,
/// skipping the interrupts of an idle server. End of file there (benchboard is gone) makes it
/// exit at once. It then tells the server on its announcement pipe (see `ChildAnnouncement`),
/// enters the request's working directory, takes its environment, resets its peak RSS (the fork
/// and the preparation are not the benchmark's) and runs the body. The server reads the request pipe only
/// once the child has announced, so the two never read it at the same time.
///
/// A child can also be forked with a request the server has read itself (`Start.given`): it then
/// skips the preparation and the reading, and announces the same way.
struct WaitingChild {
    enum Start {
        /// Prepare, then read the request from the request pipe.
        case waiting(ForkServer.Preparation)
        /// Run this request, read by the server.
        case given(ForkedJob)
    }

    /// What the child needs from the server: the descriptors to use and to close.
    struct Descriptors {
        var requests: Int32
        var reports: Int32
        /// Write ends of the children's stdout, stderr and result pipes, dup'ed to 1, 2 and 3.
        var outputs: [Int32]
    }

    let pid: pid_t
    /// Polls readable once the child is waitable; -1 where the kernel has no pidfd.
    let exitDescriptor: Int32
    /// Read end of the announcement pipe. The child holds the write end until it exits (it is
    /// close-on-exec), so its end of file is also a lifeline where there is no pidfd.
    let announcements: Int32

    /// Forks a child; nil with errno set when it cannot.
    static func fork(_ start: Start, _ descriptors: Descriptors, body: ForkServer.Body) -> WaitingChild? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        // Single-threaded, so nothing can fork between pipe and fcntl (pipe2 is not exported).
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid = Glibc.fork()
        if pid == 0 {
            close(ends[0])
            _exit(run(start, descriptors, announcements: ends[1], body: body))
        }
        let code = errno
        close(ends[1])
        guard pid > 0 else {
            close(ends[0])
            errno = code
            return nil
        }
        // Also set in the child, so the group exists before anything could signal it.
        setpgid(pid, pid)
        return WaitingChild(pid: pid, exitDescriptor: cbench_pidfd_open(pid), announcements: ends[0])
    }

    /// How a waiting child ended its wait.
    enum Wait {
        case announced(ChildAnnouncement)
        /// It died without announcing. `withRequest`: it had started reading a request and the
        /// request pipe is empty, so the request went with it (killed between its read and its
        /// announcement); otherwise the request, if any, is still in the pipe for the server.
        case died(withRequest: Bool)
    }

    /// Waits until the child has taken a request (its announcement) or has died without one.
    func awaitAnnouncement(requests: Int32) -> Wait {
        var reader = RequestReader()
        var taking = false
        var fds = [pollfd(fd: announcements, events: Int16(POLLIN), revents: 0)]
        if exitDescriptor >= 0 { fds.append(pollfd(fd: exitDescriptor, events: Int16(POLLIN), revents: 0)) }
        func died() -> Wait { .died(withRequest: taking && cbench_pending_bytes(requests) == 0) }
        while true {
            while let line = reader.lineIfComplete() {
                switch line {
                case "T": taking = true
                case "W": taking = false
                default: return ChildAnnouncement(line: line).map { .announced($0) } ?? died()
                }
            }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                return died()
            }
            // A child that announced and died at once has still announced: its line is in the pipe.
            if fds[0].revents != 0 {
                guard reader.fill(from: announcements) else { return died() }
            } else if fds.count > 1 && fds[1].revents != 0 {
                return died()
            }
        }
    }

    /// Closes the server's descriptors of the child (once it is reaped).
    func closeDescriptors() {
        if exitDescriptor >= 0 { close(exitDescriptor) }
        close(announcements)
    }

    // MARK: - In the child

    private static func run(
        _ start: Start, _ descriptors: Descriptors, announcements: Int32, body: ForkServer.Body
    ) -> Int32 {
        setpgid(0, 0)
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        signal(SIGPIPE, SIG_DFL)
        for (target, source) in descriptors.outputs.enumerated() {
            dup2(source, Int32(target + 1))
        }
        for fd in [descriptors.reports] + descriptors.outputs where fd > 3 { close(fd) }
        let job: ForkedJob
        var interrupted = false
        switch start {
        case .given(let given):
            job = given
        case .waiting(let prepare):
            prepare()
            var reader = RequestReader()
            var header: String?
            while header == nil {
                // "T" before a byte is taken, "W" after an interrupt sent while nothing ran: should
                // this child be killed between its read and its announcement, the server knows that
                // a request may have gone with it.
                var ready = pollfd(fd: descriptors.requests, events: Int16(POLLIN), revents: 0)
                while poll(&ready, 1, -1) < 0 && errno == EINTR {}
                write(line: "T", on: announcements)
                guard let line = reader.line(from: descriptors.requests) else { break }
                if line == "I" { write(line: "W", on: announcements) } else { header = line }
            }
            // End of file: benchboard is gone, or done with the server.
            guard let header else { return 0 }
            guard let read = reader.job(header: header, from: descriptors.requests) else {
                announce(ChildAnnouncement(startedNs: IsolationClock.now(), failure: .malformed), on: announcements)
                return 2
            }
            job = read
            // Only interrupts follow a request before its "D".
            interrupted = reader.bufferedCommands() == .interrupt
        }
        let started = IsolationClock.now()
        if descriptors.requests > 3 { close(descriptors.requests) }
        var announcement = ChildAnnouncement(startedNs: started, job: job, interrupted: interrupted)
        if let directory = job.workingDirectory, chdir(directory) != 0 {
            announcement.failure = .directory(errno: errno)
            announce(announcement, on: announcements)
            return 127
        }
        announce(announcement, on: announcements)
        // The peak so far is the server's and the preparation's, not the benchmark's.
        _ = ProcessMemory.resetPeak()
        clearenv()
        for entry in job.environment {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            setenv(String(entry[..<equals]), String(entry[entry.index(after: equals)...]), 1)
        }
        return body(job)
    }

    private static func announce(_ announcement: ChildAnnouncement, on fd: Int32) {
        write(line: announcement.line, on: fd)
    }

    /// One write of one short line: atomic on a pipe, so the server reads all of it or nothing.
    private static func write(line: String, on fd: Int32) {
        let bytes = Array((line + "\n").utf8)
        while bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) < 0 && errno == EINTR {}
    }
}
#endif

import Glibc

/// The server side of swift-benchmark isolation: a process started once per run (through the
/// launcher) that forks one fresh child per benchmark. A fork of a warm process costs about as
/// much as spawning a static C program; exec'ing a dynamically linked Swift program per
/// benchmark cost twenty times more.
///
/// It must stay single-threaded: fork copies only the calling thread, so a lock held by another
/// thread (the allocator's, Dispatch's) would stay locked forever in the child. Nothing here
/// uses Dispatch, Foundation or Swift concurrency; the child may use all of them.
///
/// Protocol: the launcher's (Sources/benchboard-launcher/main.c), over the named pipes of
/// `ForkServerChannels`: "R" requests in, one child each; "I" interrupts the running child;
/// reports "H", "S", "F", "X", "D" out. Each child gets its own process group, an empty signal
/// mask and default handlers, the request's environment and working directory, the shared
/// stdout, stderr and result pipes as fd 1, 2 and 3, and a reset peak RSS (fork copies the
/// server's peak, see `ProcessMemory.resetPeak`). Its timeout, grace period and rusage work as
/// in the launcher: the request's kill signal to its group, SIGKILL after the grace period, the
/// rest of its group killed once it is over, rusage from wait4 of that child alone.
public enum ForkServer {
    /// Runs in the forked child; returns its exit status.
    public typealias Body = (ForkedJob) -> Int32

    /// Serves until benchboard closes the request pipe; returns the server's exit status.
    public static func serve(folder: String, body: Body) -> Int32 {
        // A dead benchboard must show up as an error on write, not kill the server mid-report.
        signal(SIGPIPE, SIG_IGN)
        let requests = ForkServerChannels.open(folder, ForkServerChannels.requests, O_RDONLY)
        let reports = ForkServerChannels.open(folder, ForkServerChannels.reports, O_WRONLY)
        let outputs = [ForkServerChannels.stdout, ForkServerChannels.stderr, ForkServerChannels.results]
            .map { ForkServerChannels.open(folder, $0, O_WRONLY) }
        guard requests >= 0, reports >= 0, outputs.allSatisfy({ $0 >= 0 }) else {
            complain("worker-server: cannot open the pipes in \(folder): \(SystemError.text(errno))")
            return 2
        }
        var server = Server(requests: requests, reports: reports, outputs: outputs)
        guard server.report("H \(LauncherReport.protocolVersion) \(getpid()) 0") else { return 1 }
        return server.loop(body: body)
    }

    static func complain(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// The server's state: its descriptors and the request bytes read but not yet used.
private struct Server {
    let requests: Int32
    let reports: Int32
    /// Write ends of the children's stdout, stderr and result pipes.
    let outputs: [Int32]
    var input = LineReader()

    init(requests: Int32, reports: Int32, outputs: [Int32]) {
        self.requests = requests
        self.reports = reports
        self.outputs = outputs
    }

    /// Sends one or more report lines in one write; false when benchboard is gone.
    func report(_ lines: String...) -> Bool {
        Self.send(lines, to: reports)
    }

    static func send(_ lines: [String], to reports: Int32) -> Bool {
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { write(reports, $0.baseAddress.map { $0 + done }, bytes.count - done) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }

    mutating func loop(body: ForkServer.Body) -> Int32 {
        while true {
            guard let line = input.line(from: requests) else { return 0 }
            if line == "I" { continue }  // an interrupt that arrived while idle
            let size = line.split(separator: " ").last.flatMap { Int($0) } ?? -1
            guard size >= 0, size <= 64 << 20, let payload = input.bytes(size, from: requests),
                let job = ForkedJob(header: line, payload: payload)
            else {
                _ = report("E malformed request")
                return 2
            }
            guard runChild(job, body: body) else { return 0 }
        }
    }

    /// Forks, watches and reaps one child and reports it; false when benchboard is gone.
    mutating func runChild(_ job: ForkedJob, body: ForkServer.Body) -> Bool {
        if let directory = job.workingDirectory, chdir(directory) != 0 {
            return report("X \(errno) c", "D ok")
        }
        var lifeline: [Int32] = [-1, -1]
        guard pipe(&lifeline) == 0 else { return report("X \(errno) s", "D ok") }
        _ = fcntl(lifeline[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(lifeline[1], F_SETFD, FD_CLOEXEC)
        let started = ForkServerClock.now()
        let pid = fork()
        if pid == 0 {
            enterChild(job, keeping: lifeline[1])
            _exit(body(job))
        }
        close(lifeline[1])
        guard pid > 0 else {
            close(lifeline[0])
            return report("X \(errno) s", "D ok")
        }
        // Also set here, so the group exists before anything could signal it.
        setpgid(pid, pid)
        var watch = ChildWatch(pid: pid, job: job, started: started)
        let reports = self.reports
        let gone = watch.wait(lifeline: lifeline[0], requests: requests, input: &input) { Self.send([$0], to: reports) }
        close(lifeline[0])
        // The leader is a zombie now, so its group id cannot be reused: kill what is left of it.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = ForkServerClock.now() - started
        // Reap anything else that ended up as our child.
        while waitpid(-1, nil, WNOHANG) > 0 {}
        if gone { return false }
        return report(watch.finishedLine(status: status, usage: usage, wallNs: wall), watch.interrupted ? "D interrupted" : "D ok")
    }

    /// In the child, right after fork: its own group, default signals, the pipes as 1, 2, 3,
    /// the request's environment, and a peak RSS of its own.
    private func enterChild(_ job: ForkedJob, keeping lifeline: Int32) {
        setpgid(0, 0)
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        signal(SIGPIPE, SIG_DFL)
        for (target, source) in outputs.enumerated() {
            dup2(source, Int32(target + 1))
        }
        for fd in [requests, reports] + outputs where fd > 3 { close(fd) }
        _ = ProcessMemory.resetPeak()
        clearenv()
        for entry in job.environment {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            setenv(String(entry[..<equals]), String(entry[entry.index(after: equals)...]), 1)
        }
        _ = lifeline  // held open until the child exits: its closing wakes the server
    }
}

/// A child being watched: its deadline, the escalation from the kill signal to SIGKILL, and
/// interrupts from benchboard.
private struct ChildWatch {
    /// A child still running after this long is announced with "S <pid>", as the launcher does.
    static let announceAfterNs: UInt64 = 2_000_000

    let pid: pid_t
    let job: ForkedJob
    let started: UInt64
    private(set) var timedOut = false
    private(set) var interrupted = false
    private var killed = false
    private var deadline: UInt64?
    private var announceAt: UInt64?

    init(pid: pid_t, job: ForkedJob, started: UInt64) {
        self.pid = pid
        self.job = job
        self.started = started
        deadline = job.timeoutMs > 0 ? started + UInt64(job.timeoutMs) * 1_000_000 : nil
        announceAt = started + Self.announceAfterNs
    }

    /// Returns once the child has exited (not yet reaped); true when benchboard is gone.
    mutating func wait(
        lifeline: Int32, requests: Int32, input: inout LineReader, report: (String) -> Bool
    ) -> Bool {
        var lifelineOpen = true
        var lookEveryNs: UInt64 = 5_000_000
        var nextLook = started + 2 * lookEveryNs
        while true {
            let now = ForkServerClock.now()
            if let deadline, now >= deadline {
                if !killed && !interrupted { timedOut = true }
                escalate(now: now)
                continue
            }
            if let announce = announceAt, now >= announce {
                announceAt = nil
                if !report("S \(pid)") {
                    kill(-pid, SIGKILL)
                    return true
                }
            }
            // The lifeline closes when the child exits. A grandchild that did not exec keeps it
            // open after that, so look at the child now and then too, less often the longer it
            // runs (10 ms, doubling up to 100 ms); and every millisecond once the lifeline is
            // closed but the child is not yet waitable (or the benchmark closed it itself).
            if now >= nextLook {
                if hasExited() { return false }
                lookEveryNs = min(lookEveryNs * 2, 100_000_000)
                nextLook = now + lookEveryNs
            }
            var wake = [deadline, announceAt, nextLook].compactMap { $0 }.min()
            if !lifelineOpen { wake = min(wake ?? .max, now + 1_000_000) }
            let timeout = wake.map { Int32(clamping: ($0 - min($0, now)) / 1_000_000 + 1) } ?? -1
            var fds = [pollfd(fd: requests, events: Int16(POLLIN), revents: 0)]
            if lifelineOpen { fds.append(pollfd(fd: lifeline, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { return false }
            if lifelineOpen && fds.count > 1 && fds[1].revents != 0 {
                lifelineOpen = false
                // The lifeline closes a few microseconds before the child becomes a zombie: wait
                // for that briefly rather than a whole millisecond.
                if awaitExit(withinNs: 1_000_000) { return false }
            }
            if hasExited() { return false }
            if ready > 0 && fds[0].revents != 0 {
                switch input.commands(from: requests) {
                case .endOfFile:
                    kill(-pid, SIGKILL)
                    return true
                case .interrupt where !interrupted:
                    interrupted = true
                    if !killed { escalate(now: ForkServerClock.now()) }
                default:
                    break
                }
            }
        }
    }

    /// The kill signal to the group first, SIGKILL after the grace period.
    private mutating func escalate(now: UInt64) {
        if !killed {
            kill(-pid, job.killSignal)
            killed = true
            deadline = now + UInt64(job.graceMs) * 1_000_000
        } else {
            kill(-pid, SIGKILL)
            deadline = nil
        }
    }

    /// Yields the processor until the child is waitable or `withinNs` has passed.
    private func awaitExit(withinNs limit: UInt64) -> Bool {
        let start = ForkServerClock.now()
        while !hasExited() {
            if ForkServerClock.now() - start >= limit { return false }
            sched_yield()
        }
        return true
    }

    private func hasExited() -> Bool {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) < 0 {
            if errno != EINTR { return true }
        }
        // Zero-initialised: waitid fills it in only when the child is waitable.
        return info.si_signo == SIGCHLD
    }

    /// The launcher's "F" line for this child.
    func finishedLine(status: Int32, usage: rusage, wallNs: UInt64) -> String {
        let signaled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        let signal = status & 0x7f
        let code = (status >> 8) & 0xff
        let (how, value): (String, Int32) =
            timedOut ? ("t", signaled ? signal : job.killSignal) : signaled ? ("s", signal) : ("x", code)
        func micros(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_usec) }
        let fields: [UInt64] = [
            wallNs, UInt64(usage.ru_maxrss) * 1024, micros(usage.ru_utime), micros(usage.ru_stime),
            UInt64(usage.ru_nvcsw), UInt64(usage.ru_nivcsw), UInt64(usage.ru_minflt), UInt64(usage.ru_majflt),
        ]
        return "F \(how) \(value) " + fields.map(String.init).joined(separator: " ")
    }
}

/// Buffered reading of the request pipe without Foundation.
struct LineReader {
    enum Command { case none, interrupt, endOfFile }

    private var buffer: [UInt8] = []

    /// The next line without its newline; nil at end of file.
    mutating func line(from fd: Int32) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            guard fill(from: fd) else { return nil }
        }
    }

    /// Exactly `count` bytes; nil at end of file.
    mutating func bytes(_ count: Int, from fd: Int32) -> [UInt8]? {
        while buffer.count < count {
            guard fill(from: fd) else { return nil }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads what is there while a child runs: only interrupts are sent then.
    mutating func commands(from fd: Int32) -> Command {
        guard fill(from: fd) else { return .endOfFile }
        var command = Command.none
        while let line = lineIfComplete() {
            if line == "I" { command = .interrupt }
        }
        return command
    }

    private mutating func lineIfComplete() -> String? {
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeFirst(newline + 1)
        return line
    }

    private mutating func fill(from fd: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
    }
}

/// CLOCK_MONOTONIC in nanoseconds (BenchIsolation cannot see BenchRunner's clock).
enum ForkServerClock {
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

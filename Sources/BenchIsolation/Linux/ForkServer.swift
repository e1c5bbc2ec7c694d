#if os(Linux) && !BENCHBOARD_PORTABLE
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
        guard server.report(LauncherReport.helloLine(pid: getpid())) else { return 1 }
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
    var input = RequestReader()

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
            // The payload size is the tenth field (the launcher's limits may follow it).
            let fields = line.split(separator: " ")
            let size = fields.count >= 10 ? Int(fields[9]) ?? -1 : -1
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
        let started = IsolationClock.now()
        let pid = fork()
        if pid == 0 {
            close(lifeline[0])
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
        var watch = ForkedChildWatch(pid: pid, job: job, started: started)
        let reports = self.reports
        let gone = watch.wait(lifeline: lifeline[0], requests: requests, input: &input) { Self.send([$0], to: reports) }
        close(lifeline[0])
        // The leader is a zombie now, so its group id cannot be reused: kill what is left of it.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = IsolationClock.now() - started
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
#endif

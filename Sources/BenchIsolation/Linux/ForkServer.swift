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
///
/// The child for the next request is forked as soon as the previous one is reported, and reads
/// that request itself (see `WaitingChild`): between benchboard's request and the benchmark's
/// start no other process wakes, and the fork and the child's first page faults are paid while
/// benchboard is busy with the previous result. Its wall time runs from the moment it has the
/// request to its reaping. The server wakes once per child, when it exits (a pidfd).
public enum ForkServer {
    /// Runs in the forked child; returns its exit status.
    public typealias Body = (ForkedJob) -> Int32
    /// Runs in a waiting child before its request arrives: the start-up work every child would
    /// otherwise do on the clock (the first use of the code its body runs, whose pages a fresh
    /// fork faults in). It must not write to fd 1, 2 or 3, start threads, or depend on the request.
    public typealias Preparation = () -> Void

    /// Serves until benchboard closes the request pipe; returns the server's exit status.
    public static func serve(folder: String, prepare: @escaping Preparation = {}, body: @escaping Body) -> Int32 {
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
        let descriptors = WaitingChild.Descriptors(requests: requests, reports: reports, outputs: outputs)
        var server = Server(descriptors: descriptors, prepare: prepare, body: body)
        guard server.report(LauncherReport.helloLine(pid: getpid())) else { return 1 }
        return server.loop()
    }

    static func complain(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// The server's state: its descriptors, the request bytes read but not yet used, and whether the
/// next child may read its own request.
private struct Server {
    let descriptors: WaitingChild.Descriptors
    let prepare: ForkServer.Preparation
    let body: ForkServer.Body
    var input = RequestReader()
    /// False once a waiting child died before taking a request (killed from outside, or benchboard
    /// closed the request pipe): the server then reads the next request itself, so a child that
    /// cannot wait never makes it loop.
    var childrenWait = true

    init(descriptors: WaitingChild.Descriptors, prepare: @escaping ForkServer.Preparation, body: @escaping ForkServer.Body) {
        self.descriptors = descriptors
        self.prepare = prepare
        self.body = body
    }

    /// Sends one or more report lines in one write; false when benchboard is gone.
    func report(_ lines: String...) -> Bool {
        Self.send(lines, to: descriptors.reports)
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

    mutating func loop() -> Int32 {
        while true {
            let child: WaitingChild
            if childrenWait {
                guard let forked = WaitingChild.fork(.waiting(prepare), descriptors, body: body) else {
                    childrenWait = false
                    continue
                }
                child = forked
            } else {
                guard let line = input.line(from: descriptors.requests) else { return 0 }
                if line == "I" { continue }  // an interrupt that arrived while idle
                guard let job = input.job(header: line, from: descriptors.requests) else {
                    _ = report("E malformed request")
                    return 2
                }
                guard let forked = WaitingChild.fork(.given(job), descriptors, body: body) else {
                    guard report("X \(errno) s", "D ok") else { return 0 }
                    continue
                }
                child = forked
                childrenWait = true
            }
            if let status = runChild(child) { return status }
        }
    }

    /// Watches, reaps and reports one child once it has its request; the server's exit status
    /// when it must stop (benchboard gone, or a malformed request), nil to go on.
    mutating func runChild(_ child: WaitingChild) -> Int32? {
        let pid = child.pid
        defer { child.closeDescriptors() }
        let announcement: ChildAnnouncement
        switch child.awaitAnnouncement(requests: descriptors.requests) {
        case .announced(let announced):
            announcement = announced
        case .died(withRequest: false):
            // It died waiting: reaped here, and the next request (if already sent, still in the
            // pipe) is read by the server.
            reap(pid, usage: nil)
            childrenWait = false
            return nil
        case .died(withRequest: true):
            // Killed with the request in hand: that request's child died, and is reported so.
            var usage = rusage()
            let status = reap(pid, usage: &usage)
            childrenWait = false
            let job = ForkedJob(arguments: [], environment: [], timeoutMs: 0, graceMs: 0, killSignal: SIGKILL, workingDirectory: nil)
            let watch = ForkedChildWatch(pid: pid, job: job, started: IsolationClock.now())
            return report(watch.finishedLine(status: status, usage: usage, wallNs: 0), "D ok") ? nil : 0
        }
        switch announcement.failure {
        case .malformed?:
            reap(pid, usage: nil)
            _ = report("E malformed request")
            return 2
        case .directory(let code)?:
            reap(pid, usage: nil)
            return report("X \(code) c", "D ok") ? nil : 0
        case nil:
            break
        }
        var watch = ForkedChildWatch(pid: pid, job: announcement.job, started: announcement.startedNs)
        let reports = descriptors.reports
        let gone = watch.wait(
            exit: child.exitDescriptor, lifeline: child.announcements, requests: descriptors.requests, input: &input,
            interrupted: announcement.interrupted
        ) { Self.send([$0], to: reports) }
        var usage = rusage()
        let status = reap(pid, usage: &usage)
        let ended = IsolationClock.now()
        let wall = ended - min(announcement.startedNs, ended)
        if gone { return 0 }
        let sent = report(watch.finishedLine(status: status, usage: usage, wallNs: wall), watch.interrupted ? "D interrupted" : "D ok")
        return sent ? nil : 0
    }

    /// Kills what is left of the child's group and reaps the child and any other orphan that
    /// ended up here; the child's wait status.
    @discardableResult
    private func reap(_ pid: pid_t, usage: UnsafeMutablePointer<rusage>?) -> Int32 {
        // The leader is a zombie (or soon one), so its group id cannot be reused: kill the rest of it.
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while wait4(pid, &status, 0, usage) < 0 && errno == EINTR {}
        while waitpid(-1, nil, WNOHANG) > 0 {}
        return status
    }
}
#endif

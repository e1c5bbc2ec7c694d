import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs benchmark children straight from benchboard with posix_spawn, where the launcher is not
/// available (see `IsolationPlatform`): one child per iteration, in a process group of its own.
///
/// What it keeps of the launcher's contract: the child's clean environment and working directory,
/// stdout, stderr and the result channel drained while it runs (tails and caps as in
/// `BatchResult`), the timeout (the kill signal to the child's group, SIGKILL after the grace
/// period), the exit status or signal, and wait4's rusage of that child alone (max RSS, CPU).
///
/// What it cannot give: a child is spawned from benchboard itself, so on Linux its max RSS is at
/// least benchboard's peak (exec keeps the peak of the image it replaces; not measured on
/// Darwin); no cgroup, no resource limit but
/// the output cap (`capabilities`), and a descendant that leaves the child's process group
/// (setsid, a daemon) outlives it.
///
/// One batch runs at a time (the runner's); `interrupt()` and `shutdown()` may be called from any
/// thread. Sendable through its one `Mutex`.
public final class PosixSpawner: Sendable {
    /// Only the output cap: it is the drain's, and the drain is here.
    public let capabilities = LauncherCapabilities(enforceable: [.output])

    private struct State {
        var interrupted = false
        var shutDown = false
        /// The running child's pid and the signal that stops it.
        var running: (pid: pid_t, signal: Int32)?
    }

    private let state = Mutex(State())

    public init() {}

    /// Runs `spec` up to `iterations` times, one child after the other, and stops at the first
    /// child that does not exit 0 (or cannot start), at an interrupt, or over the output cap.
    /// `progress` is called on this thread as each child ends.
    public func run(
        _ spec: ChildSpec, iterations: Int, progress: ((_ ended: IterationReport, _ count: Int) -> Void)? = nil
    ) throws(IsolationError) -> BatchResult {
        let request = try SpawnRequest(spec)
        let interrupted = try state.withLock { state throws(IsolationError) -> Bool in
            if state.shutDown { throw .launcherShutDown }
            return state.interrupted
        }
        if interrupted || iterations <= 0 { return BatchResult(interrupted: interrupted) }

        var output = SpawnOutput()
        var reports: [IterationReport] = []
        for _ in 0..<iterations {
            let report = try runChild(request, output: &output)
            reports.append(report)
            progress?(report, reports.count)
            if !report.isSuccess || output.limitHit || isInterrupted { break }
        }
        return BatchResult(
            iterations: reports, stdoutTail: output.stdout.text, stderrTail: output.stderr.text,
            stdoutBytes: output.stdout.totalBytes, stderrBytes: output.stderr.totalBytes,
            resultLines: output.results.lines, droppedResultBytes: output.results.droppedBytes,
            interrupted: isInterrupted, outputLimitHit: output.limitHit)
    }

    /// Sends the running child's group its kill signal (SIGKILL follows after its grace period)
    /// and makes the current and every later batch end at once, interrupted. Sticky.
    public func interrupt() {
        let running = state.withLock { state in
            state.interrupted = true
            return state.running
        }
        if let running { Self.signalGroup(running.pid, running.signal) }
    }

    /// Interrupts, and refuses every later batch.
    public func shutdown() {
        state.withLock { $0.shutDown = true }
        interrupt()
    }

    private var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// One child, from its spawn to its reap: drains its pipes while it runs and enforces its
    /// timeout and the output cap.
    private func runChild(_ request: SpawnRequest, output: inout SpawnOutput) throws(IsolationError) -> IterationReport {
        let path: String
        switch request.program {
        case .success(let found): path = found
        case .failure(let failure):
            return IterationReport(termination: .spawnFailed(errno: failure.errno, message: failure.message), usage: nil)
        }
        var pipes: [(read: Int32, write: Int32)] = []
        defer { SpawnDescriptors.closeAll(pipes.flatMap { [$0.read, $0.write] }) }
        for _ in 0..<3 { pipes.append(try SpawnDescriptors.makePipe()) }
        let reaper = try ChildReaper()
        defer { reaper.closeDescriptors() }

        let startNs = IsolationClock.now()
        let pid: pid_t
        switch ChildSpawn.start(path, request, outputs: pipes.map(\.write)) {
        case .success(let started): pid = started
        case .failure(let failure):
            reaper.cancel()
            return IterationReport(termination: .spawnFailed(errno: failure.errno, message: failure.message), usage: nil)
        }
        reaper.watch(pid: pid, startNs: startNs)
        let spec = request.spec
        // An interrupt that came while the child was being spawned is delivered now.
        let interruptedEarly = state.withLock { state in
            state.running = (pid, spec.killSignal)
            return state.interrupted
        }
        if interruptedEarly { Self.signalGroup(pid, spec.killSignal) }
        defer { state.withLock { $0.running = nil } }
        // Only the child holds the write ends now: ours closed, an end of file means it (and
        // whatever it left in its group) closed them.
        SpawnDescriptors.closeAll(pipes.map(\.write))
        pipes = pipes.map { (read: $0.read, write: -1) }
        pipes.forEach { SpawnDescriptors.setNonBlocking($0.read) }

        var watch = ChildDeadlines(spec: spec, startNs: startNs)
        var open = pipes.map(\.read)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        while true {
            var polled = (open + [reaper.reaped]).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let waitMs = watch.pollTimeoutMs(now: IsolationClock.now())
            let ready = poll(&polled, nfds_t(polled.count), waitMs)
            if ready < 0 && errno != EINTR {
                let code = errno
                // The reaper thread must be done with its pipe before the pipe is closed.
                Self.signalGroup(pid, SIGKILL)
                var byte: UInt8 = 0
                _ = read(reaper.reaped, &byte, 1)
                throw .systemCall("poll", errno: code)
            }
            for (index, fd) in open.enumerated() where fd >= 0 && polled[index].revents != 0 {
                let ended = SpawnDescriptors.readAvailable(fd, scratch: scratch, rounds: 16) { output.take($0, from: index) }
                if ended { open[index] = -1 }
            }
            if output.overCap(spec.limits.outputBytes) || isInterrupted { watch.stop() }
            if polled[open.count].revents != 0 { break }
            for signal in watch.signalsDue(now: IsolationClock.now()) { Self.signalGroup(pid, signal) }
        }
        // Reaped: what is left in the pipes was written before the end, or by descendants that
        // still hold them; take what is there and no more.
        for (index, fd) in open.enumerated() where fd >= 0 {
            _ = SpawnDescriptors.readAvailable(fd, scratch: scratch, rounds: 64) { output.take($0, from: index) }
        }
        output.results.endOfWriter()
        // The rest of its group goes with it, as under the launcher.
        kill(-pid, SIGKILL)
        guard let ending = reaper.result, let usage = ending.usage else {
            throw .systemCall("wait4", errno: reaper.result?.error ?? ECHILD)
        }
        var termination = WaitStatus.termination(ending.status)
        if watch.timedOut {
            if case .signaled(let signal) = termination {
                termination = .timedOut(killedBy: signal)
            } else {
                termination = .timedOut(killedBy: spec.killSignal)
            }
        }
        return IterationReport(termination: termination, usage: usage)
    }

    /// The group first (the child leads it), the child alone if the group is gone.
    private static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}

#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// A child being watched: its deadline, the escalation from the kill signal to SIGKILL, and
/// interrupts from benchboard.
struct ForkedChildWatch {
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
    /// `exit` is the child's pidfd (-1 where the kernel has none); `interrupted` says that an
    /// interrupt came with the request.
    mutating func wait(
        exit: Int32, lifeline: Int32, requests: Int32, input: inout RequestReader, interrupted: Bool,
        report: (String) -> Bool
    ) -> Bool {
        if interrupted {
            self.interrupted = true
            escalate(now: IsolationClock.now())
        }
        // A pidfd polls readable exactly when the child is waitable: the server wakes once, at
        // its exit. Without one (before Linux 5.3) the lifeline closes when the child exits; a
        // grandchild that did not exec keeps it open after that, so the child is also looked at
        // now and then, less often the longer it runs (10 ms, doubling up to 100 ms), and every
        // millisecond once the lifeline is closed but the child is not yet waitable.
        let watchesExit = exit >= 0
        var lifelineOpen = !watchesExit
        var lookEveryNs: UInt64 = 5_000_000
        var nextLook: UInt64? = watchesExit ? nil : started + 2 * lookEveryNs
        while true {
            let now = IsolationClock.now()
            if let deadline, now >= deadline {
                if !killed && !self.interrupted { timedOut = true }
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
            if let look = nextLook, now >= look {
                if hasExited() { return false }
                lookEveryNs = min(lookEveryNs * 2, 100_000_000)
                nextLook = now + lookEveryNs
            }
            var wake = [deadline, announceAt, nextLook].compactMap { $0 }.min()
            if !watchesExit && !lifelineOpen { wake = min(wake ?? .max, now + 1_000_000) }
            let timeout = wake.map { Int32(clamping: ($0 - min($0, now)) / 1_000_000 + 1) } ?? -1
            var fds = [pollfd(fd: requests, events: Int16(POLLIN), revents: 0)]
            if watchesExit { fds.append(pollfd(fd: exit, events: Int16(POLLIN), revents: 0)) }
            if lifelineOpen { fds.append(pollfd(fd: lifeline, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { return false }
            if watchesExit {
                if ready > 0 && fds[1].revents != 0 { return false }
            } else {
                if lifelineOpen && ready > 0 && fds[1].revents != 0 {
                    lifelineOpen = false
                    // The lifeline closes a few microseconds before the child becomes a zombie:
                    // wait for that briefly rather than a whole millisecond.
                    if awaitExit(withinNs: 1_000_000) { return false }
                }
                if hasExited() { return false }
            }
            if ready > 0 && fds[0].revents != 0 {
                switch input.commands(from: requests) {
                case .endOfFile:
                    kill(-pid, SIGKILL)
                    return true
                case .interrupt where !self.interrupted:
                    self.interrupted = true
                    if !killed { escalate(now: IsolationClock.now()) }
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
        let start = IsolationClock.now()
        while !hasExited() {
            if IsolationClock.now() - start >= limit { return false }
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
        let termination: Termination =
            timedOut ? .timedOut(killedBy: signaled ? signal : job.killSignal)
            : signaled ? .signaled(signal) : .exited((status >> 8) & 0xff)
        func micros(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_usec) }
        let childUsage = ChildUsage(
            wallNs: wallNs, maxRSSBytes: UInt64(usage.ru_maxrss) * 1024, userUs: micros(usage.ru_utime),
            systemUs: micros(usage.ru_stime), voluntaryContextSwitches: UInt64(usage.ru_nvcsw),
            involuntaryContextSwitches: UInt64(usage.ru_nivcsw), minorFaults: UInt64(usage.ru_minflt),
            majorFaults: UInt64(usage.ru_majflt))
        return LauncherReport.finishedLine(termination, childUsage)
    }
}
#endif

import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for one child on a thread of its own, so that the thread draining the child's output can
/// sleep in poll() until output, the reap or a deadline wakes it, with no SIGCHLD handler and
/// nothing Linux-only (pidfd). The thread starts before the child and gets its pid after the
/// spawn, so the reap, and with it the end of the child's wall time, comes as it exits.
///
/// Sendable through its `Mutex`es and immutable descriptors; the pipe orders the handoff: the
/// ending is stored before the byte that says so is written.
final class ChildReaper: Sendable {
    struct Ending: Sendable {
        var status: Int32
        /// Nil when wait4 failed; `error` says why.
        var usage: ChildUsage?
        var error: Int32
    }

    /// Becomes readable once the child is reaped.
    let reaped: Int32
    private let reapedWrite: Int32
    private let child = Mutex<(pid: pid_t, startNs: UInt64)?>(nil)
    private let go = DispatchSemaphore(value: 0)
    private let ending = Mutex<Ending?>(nil)

    init() throws(IsolationError) {
        let pair = try SpawnDescriptors.makePipe()
        reaped = pair.read
        reapedWrite = pair.write
        Thread { [self] in waitForChild() }.start()
    }

    /// Hands the thread the child to wait for; `startNs` is when its wall time began.
    func watch(pid: pid_t, startNs: UInt64) {
        child.withLock { $0 = (pid, startNs) }
        go.signal()
    }

    /// The spawn failed: the thread ends without waiting.
    func cancel() {
        go.signal()
    }

    /// Set once `reaped` is readable.
    var result: Ending? { ending.withLock { $0 } }

    /// Called once the thread is done with them: after `reaped` was read, or after `cancel()`.
    func closeDescriptors() {
        SpawnDescriptors.closeAll([reaped, reapedWrite])
    }

    private func waitForChild() {
        go.wait()
        guard let (pid, startNs) = child.withLock({ $0 }) else { return }
        var status: Int32 = 0
        var usage = rusage()
        var waited: pid_t
        repeat {
            waited = wait4(pid, &status, 0, &usage)
        } while waited < 0 && errno == EINTR
        let code = waited == pid ? 0 : errno
        let endNs = IsolationClock.now()
        let ended = waited == pid
            ? Ending(status: status, usage: WaitStatus.usage(usage, wallNs: endNs &- startNs), error: 0)
            : Ending(status: 0, usage: nil, error: code)
        ending.withLock { $0 = ended }
        var byte: UInt8 = 1
        _ = write(reapedWrite, &byte, 1)
    }
}

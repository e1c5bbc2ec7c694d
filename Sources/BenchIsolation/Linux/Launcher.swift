#if os(Linux) && !BENCHBOARD_PORTABLE
import Foundation
import Glibc

/// benchboard's handle on its `benchboard-launcher` process, through which every child starts
/// so that its max RSS is its own. One per run: spawned once, reused for every batch.
///
/// `run` calls are serialised (one batch at a time); `interrupt()` and `shutdown()` may be called
/// from any thread.
public final class Launcher: @unchecked Sendable {
    public let executablePath: String
    /// The launcher's process id.
    public let processID: Int32
    /// The cgroups the launcher runs in (from its greeting). Set once, while the initializer waits
    /// for the greeting.
    public private(set) var capabilities = LauncherCapabilities()
    /// The launcher runs in a memory cgroup of its own, so every `BatchResult` carries `cgroupPeakBytes`.
    public var hasMemoryCgroup: Bool { capabilities.memoryCgroup }
    private let process: LauncherProcess

    /// Held for the whole of a batch, and by `shutdown()` before it closes the read ends.
    private let runLock = NSLock()
    /// Guards the fields below, which `interrupt()` touches from other threads.
    private let stateLock = NSLock()
    /// False once we have closed our sending side (shutdown): the launcher then sees EOF.
    private var requestsOpen = true
    private var running = false
    private var interruptRequested = false
    private var shutDown = false
    /// Set once the launcher has exited on its own: why, in words.
    private var exitReason: String?

    // Touched only with runLock held.
    private var pendingReports: [UInt8] = []
    private var reaped = false

    /// BENCHBOARD_LAUNCHER if set, else `benchboard-launcher` next to the running executable
    /// (readlink /proc/self/exe), else next to `CommandLine.arguments[0]`, else on PATH.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(IsolationError) -> String {
        try LauncherLocator.locate(environment: environment)
    }

    /// Spawns the launcher and waits for its greeting. `useCgroups` false keeps it out of cgroups
    /// (limits then fall back to rlimits, leftovers to the subreaper alone).
    public init(executablePath: String, useCgroups: Bool = true) throws(IsolationError) {
        self.executablePath = executablePath
        let process = try LauncherProcess.start(executablePath: executablePath, arguments: useCgroups ? [] : ["--no-cgroups"])
        self.process = process
        self.processID = process.pid
        do {
            try awaitGreeting()
        } catch {
            if !reaped { kill(process.pid, SIGKILL) }
            shutdown()
            throw error
        }
    }

    deinit {
        shutdown()
    }

    /// Runs `spec` up to `iterations` times, one child after the other, draining stdout, stderr
    /// and fd 3 concurrently. With `stopOnFailure`, the batch ends at the first child that does
    /// not exit 0 (or cannot start). Blocks the calling thread; `progress`, if given, is called on
    /// it as each child ends, with the count of children ended so far (for a live progress line).
    public func run(
        _ spec: ChildSpec, iterations: Int, stopOnFailure: Bool = true,
        progress: ((_ ended: IterationReport, _ count: Int) -> Void)? = nil
    ) throws(IsolationError) -> BatchResult {
        let request = try LauncherRequest.encode(spec, iterations: max(0, iterations), stopOnFailure: stopOnFailure)
        runLock.lock()
        defer { runLock.unlock() }

        stateLock.lock()
        if shutDown {
            stateLock.unlock()
            throw .launcherShutDown
        }
        if let exitReason {
            stateLock.unlock()
            throw .launcherFailed(exitReason)
        }
        if interruptRequested || iterations <= 0 {
            let interrupted = interruptRequested
            stateLock.unlock()
            return BatchResult(interrupted: interrupted)
        }
        // Sent under the state lock: an interrupt can then only reach the launcher after the request.
        let sendError = FileDescriptorIO.sendAll(process.channel, request)
        running = sendError == nil
        stateLock.unlock()

        var drain = BatchDrain(spec: spec, progress: progress)
        let ending: BatchDrain.Ending
        if sendError != nil {
            ending = .launcherExited(child: nil)
        } else {
            do {
                ending = try drain.run(process, pending: &pendingReports)
            } catch {
                endRunning()
                // The stream is out of step: nothing more can be trusted from this launcher.
                markExited(reason: error.description)
                kill(processID, SIGKILL)
                throw error
            }
        }
        let interrupted = endRunning()

        switch ending {
        case .done(let status):
            return BatchResult(
                iterations: drain.iterations, stdoutTail: drain.stdout.text, stderrTail: drain.stderr.text,
                stdoutBytes: drain.stdout.totalBytes, stderrBytes: drain.stderr.totalBytes,
                resultLines: drain.results.lines, droppedResultBytes: drain.results.droppedBytes,
                // The drain's own stop for the output cap ends the batch "interrupted" too; only a
                // call to interrupt() makes it an interrupt of the run.
                interrupted: interrupted || (status == "interrupted" && !drain.outputLimitHit),
                cgroupPeakBytes: drain.cgroupPeakBytes, outputLimitHit: drain.outputLimitHit)
        case .launcherExited(let child):
            // Its own process group: the launcher can no longer stop it, so we do; and its cgroup
            // holds the rest of the tree (setsid'ed descendants included).
            if let child { kill(-child, SIGKILL) }
            if let folder = capabilities.killDirectory { Containment.killCgroup(folder) }
            let reason = "it exited unexpectedly (\(reapLauncher())) while running \"\(spec.arguments[0])\""
            markExited(reason: reason)
            stateLock.lock()
            let wasShutDown = shutDown
            stateLock.unlock()
            if wasShutDown { throw .launcherShutDown }
            throw .launcherFailed(reason)
        }
    }

    /// Kills the running child's group (its kill signal, then SIGKILL after its grace period) and
    /// makes the current `run` return with `interrupted == true`. Sticky: every later `run` returns
    /// at once, interrupted, until `resetInterrupt()`. Callable from any thread (not from inside a
    /// signal handler: use a dispatch source or a flag there).
    public func interrupt() {
        stateLock.lock()
        defer { stateLock.unlock() }
        interruptRequested = true
        if running && requestsOpen {
            _ = FileDescriptorIO.sendAll(process.channel, LauncherRequest.interrupt, dontWait: true)
        }
    }

    /// Whether `interrupt()` has been called (and not reset since).
    public var isInterrupted: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return interruptRequested
    }

    /// Lets `run` start children again after an interrupt.
    public func resetInterrupt() {
        stateLock.lock()
        defer { stateLock.unlock() }
        interruptRequested = false
    }

    /// Ends the launcher process (also done in deinit). A batch still running is stopped: its child
    /// group is killed at once and `run` throws `launcherShutDown`.
    public func shutdown() {
        stateLock.lock()
        shutDown = true
        if requestsOpen {
            // EOF on its request stream: the launcher kills what runs and exits. Only our sending
            // side closes here; a run on another thread still reads its last reports.
            Glibc.shutdown(process.channel, Int32(SHUT_WR))
            requestsOpen = false
        }
        stateLock.unlock()

        runLock.lock()
        defer { runLock.unlock() }
        guard !reaped else { return }
        _ = reapLauncher()
        // The launcher cleans up after itself on EOF; this is for one that had to be SIGKILLed.
        if let folder = capabilities.killDirectory { Containment.killCgroup(folder) }
        FileDescriptorIO.closeAll(process.descriptors)
    }

    // MARK: - Internals

    @discardableResult
    private func endRunning() -> Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        running = false
        return interruptRequested
    }

    private func markExited(reason: String) {
        stateLock.lock()
        defer { stateLock.unlock() }
        if exitReason == nil { exitReason = reason }
    }

    /// Waits for the launcher to exit (SIGKILL after 2 s) and describes how it ended. Runs once.
    /// Its end of the channel closes as it exits, so waiting on the channel (not sleeping) keeps
    /// a shutdown as short as the launcher's own exit.
    private func reapLauncher() -> String {
        guard !reaped else { return "already reaped" }
        reaped = true
        var status: Int32 = 0
        let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let result = waitpid(processID, &status, WNOHANG)
            if result == processID { break }
            if result < 0 && errno != EINTR { return "it could not be waited for" }
            let now = DispatchTime.now().uptimeNanoseconds
            var channelClosed = false
            if now < deadline {
                var fd = pollfd(fd: process.channel, events: Int16(POLLIN), revents: 0)
                if poll(&fd, 1, Int32(min(50, (deadline - now) / 1_000_000 + 1))) > 0 {
                    channelClosed = recv(process.channel, &scratch, scratch.count, Int32(MSG_DONTWAIT)) == 0
                }
            } else {
                kill(processID, SIGKILL)
                channelClosed = true
            }
            if channelClosed {
                while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
                break
            }
        }
        return Self.describe(status: status)
    }

    static func describe(status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exit status \((status >> 8) & 0xff)" }
        return "killed by \(SignalName.name(of: signal))"
    }

    private func awaitGreeting() throws(IsolationError) {
        var buffer = [UInt8](repeating: 0, count: 256)
        var line: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + 5_000_000_000
        while true {
            if let newline = line.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: line[..<newline], as: UTF8.self)
                pendingReports = Array(line[(newline + 1)...])
                guard case .hello(let version, _, let found)? = try? LauncherReport(line: text[...]) else {
                    throw .protocolError("\(executablePath) greeted with \"\(text.prefix(80))\"")
                }
                guard version == LauncherReport.protocolVersion else {
                    throw .protocolError("protocol version \(version), expected \(LauncherReport.protocolVersion)")
                }
                capabilities = found
                return
            }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                throw .launcherFailed("\(executablePath) did not answer within 5 s; is it benchboard-launcher?")
            }
            var fd = pollfd(fd: process.channel, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, Int32((deadline - now) / 1_000_000) + 1)
            let count = recv(process.channel, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 {
                line += buffer[0..<count]
            } else if count == 0 {
                runLock.lock()
                let how = reapLauncher()
                runLock.unlock()
                throw .launcherFailed("\(executablePath) exited at once (\(how)); is it benchboard-launcher?")
            }
        }
    }
}
#endif

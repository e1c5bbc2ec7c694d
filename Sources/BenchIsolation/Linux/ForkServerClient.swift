#if os(Linux) && !BENCHBOARD_PORTABLE
import Foundation
import Glibc

/// benchboard's handle on its fork server (see `ForkServer`): started once per run through a
/// launcher of its own, so the server is a small child of a small C process like every other
/// benchmark child, then asked for one forked child per swift benchmark.
///
/// `run` calls are serialised; `interrupt()` and `shutdown()` may be called from any thread.
public final class ForkServerClient: @unchecked Sendable {
    /// The server's process id.
    public private(set) var processID: Int32 = 0
    /// The process id of the server's launcher, a child of benchboard.
    public var launcherProcess: Int32 { launcher.processID }
    private let launcher: Launcher
    /// Our ends of the named pipes: requests (read-write, so opening never blocks), the rest read-only.
    private let requests: Int32
    private let reports: Int32
    private let outputs: [Int32]
    /// Signalled when the launcher's batch, the server's whole life, is over.
    private let serverEnded = DispatchSemaphore(value: 0)

    /// Held for the whole of a `run`.
    private let runLock = NSLock()
    /// Guards the fields below, which `interrupt()` and `shutdown()` touch from other threads.
    private let stateLock = NSLock()
    private var running = false
    private var interruptRequested = false
    private var closed = false
    private var serverBatch: Result<BatchResult, IsolationError>?
    // Touched only with runLock held.
    private var pendingReports: [UInt8] = []

    /// Starts `server` (whose last argument must be left for the pipe folder: it is appended)
    /// through the launcher at `launcherPath`, and waits for its greeting.
    public init(
        launcherPath: String, server: ChildSpec, temporaryDirectory: String, useCgroups: Bool = true
    ) throws(IsolationError) {
        let folder = try ForkServerChannels.makeFolder(in: temporaryDirectory)
        defer { ForkServerChannels.removeFolder(folder) }
        // Read ends first, non-blocking: the server's opens of the write ends then return at once.
        // Non-blocking, so that a server that stopped reading can never block a write for good.
        let requests = ForkServerChannels.open(folder, ForkServerChannels.requests, O_RDWR | O_NONBLOCK)
        let reports = ForkServerChannels.open(folder, ForkServerChannels.reports, O_RDONLY | O_NONBLOCK)
        let outputs = [ForkServerChannels.stdout, ForkServerChannels.stderr, ForkServerChannels.results]
            .map { ForkServerChannels.open(folder, $0, O_RDONLY | O_NONBLOCK) }
        let descriptors = [requests, reports] + outputs
        guard descriptors.allSatisfy({ $0 >= 0 }) else {
            let code = errno
            FileDescriptorIO.closeAll(descriptors)
            throw .systemCall("open(\(folder))", errno: code)
        }
        self.requests = requests
        self.reports = reports
        self.outputs = outputs
        do {
            launcher = try Launcher(executablePath: launcherPath, useCgroups: useCgroups)
        } catch {
            FileDescriptorIO.closeAll(descriptors)
            throw error
        }
        var serverSpec = server
        serverSpec.arguments.append(folder)
        serverSpec.timeoutMs = 0
        let spec = serverSpec
        let thread = Thread { [launcher, serverEnded, weak self] in
            let result = Result { () throws(IsolationError) -> BatchResult in
                try launcher.run(spec, iterations: 1, stopOnFailure: false)
            }
            self?.finishServer(result)
            serverEnded.signal()
        }
        thread.start()
        do {
            try awaitGreeting()
        } catch {
            shutdown()
            throw error
        }
    }

    deinit {
        shutdown()
    }

    /// Runs `job` in a freshly forked child: its arguments go to the server's child body, its
    /// environment becomes the child's, and its timeout, grace period and kill signal apply to
    /// that child alone. Returns one iteration, with what the child wrote on fd 1, 2 and 3 (lines
    /// on fd 3 are kept as they come, so a child that times out or crashes keeps what it sent).
    public func run(_ job: ChildSpec) throws(IsolationError) -> BatchResult {
        let request = try LauncherRequest.encode(job, iterations: 1, stopOnFailure: true)
        runLock.lock()
        defer { runLock.unlock() }
        stateLock.lock()
        if closed {
            stateLock.unlock()
            throw .launcherShutDown
        }
        if let reason = exitReason() {
            stateLock.unlock()
            throw .workerServerFailed(reason)
        }
        if interruptRequested {
            stateLock.unlock()
            return BatchResult(interrupted: true)
        }
        let sent = Self.writeAll(requests, request)
        running = sent
        stateLock.unlock()
        defer {
            stateLock.lock()
            running = false
            stateLock.unlock()
        }
        guard sent else { throw .workerServerFailed("it stopped reading requests") }

        var drain = ForkedChildDrain(spec: job)
        let ending = try drain.run(reports: reports, outputs: outputs, pending: &pendingReports)
        stateLock.lock()
        let interrupted = interruptRequested
        stateLock.unlock()
        switch ending {
        case .done(let status):
            return drain.batch(interrupted: interrupted || status == "interrupted")
        case .launcherExited(let child):
            if let child { kill(-child, SIGKILL) }
            let reason = "it exited while running \(job.arguments.dropFirst().first ?? "a benchmark")"
            throw .workerServerFailed(reason + serverDiagnostics())
        }
    }

    /// Stops the running child (its kill signal, then SIGKILL after its grace period); every later
    /// `run` returns at once, interrupted.
    public func interrupt() {
        stateLock.lock()
        defer { stateLock.unlock() }
        interruptRequested = true
        if running && !closed { _ = Self.writeAll(requests, Array("I\n".utf8), patienceMs: 0) }
    }

    /// Ends the server (closing the request pipe is its signal to exit) and its launcher.
    public func shutdown() {
        stateLock.lock()
        let wasClosed = closed
        closed = true
        stateLock.unlock()
        guard !wasClosed else { return }
        // A run in progress must see the pipes until it returns.
        runLock.lock()
        defer { runLock.unlock() }
        close(requests)
        if serverEnded.wait(timeout: .now() + 2) == .timedOut {
            if processID > 0 { kill(processID, SIGKILL) }
            _ = serverEnded.wait(timeout: .now() + 2)
        }
        launcher.shutdown()
        FileDescriptorIO.closeAll([reports] + outputs)
    }

    // MARK: - Internals

    private func finishServer(_ result: Result<BatchResult, IsolationError>) {
        stateLock.lock()
        serverBatch = result
        stateLock.unlock()
    }

    /// Why the server is gone, once it is; called with stateLock held.
    private func exitReason() -> String? {
        guard let serverBatch else { return nil }
        return "it exited" + Self.describe(serverBatch)
    }

    private func serverDiagnostics() -> String {
        _ = serverEnded.wait(timeout: .now() + 1)
        serverEnded.signal()
        stateLock.lock()
        defer { stateLock.unlock() }
        return serverBatch.map(Self.describe) ?? ""
    }

    private static func describe(_ batch: Result<BatchResult, IsolationError>) -> String {
        switch batch {
        case .failure(let error):
            return " (\(error.description))"
        case .success(let result):
            var text = ""
            if let ending = result.iterations.first?.termination {
                switch ending {
                case .exited(let code): text = "exit status \(code)"
                case .signaled(let signal): text = "killed by \(SignalName.name(of: signal))"
                case .timedOut(let signal): text = "killed by \(SignalName.name(of: signal))"
                case .spawnFailed(_, let message): text = message
                }
            }
            if let lastLine = result.stderrTail.split(separator: "\n").last { text += (text.isEmpty ? "" : ": ") + lastLine }
            return text.isEmpty ? "" : " (\(text))"
        }
    }

    private func awaitGreeting() throws(IsolationError) {
        let deadline = IsolationClock.now() + 10_000_000_000
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            if let newline = pendingReports.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: pendingReports[..<newline], as: UTF8.self)
                pendingReports.removeFirst(newline + 1)
                guard case .hello(let version, let pid, _)? = try? LauncherReport(line: text[...]),
                    version == LauncherReport.protocolVersion
                else { throw .workerServerFailed("it greeted with \"\(text.prefix(80))\"; it probably belongs to another build: rebuild the package") }
                processID = pid
                return
            }
            stateLock.lock()
            let reason = exitReason()
            stateLock.unlock()
            if let reason { throw .workerServerFailed(reason) }
            let now = IsolationClock.now()
            guard now < deadline else { throw .workerServerFailed("it did not start within 10 s") }
            var fd = pollfd(fd: reports, events: Int16(POLLIN), revents: 0)
            // The server may die before it opens its end: look at the launcher's batch now and then.
            _ = poll(&fd, 1, 50)
            let count = read(reports, &buffer, buffer.count)
            if count > 0 { pendingReports += buffer[0..<count] }
        }
    }

    /// Writes every byte to a non-blocking descriptor, waiting up to `patienceMs` in all for room.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], patienceMs: Int32 = 10_000) -> Bool {
        var done = 0
        var patience = patienceMs
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + done }, bytes.count - done) }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && errno == EAGAIN && patience > 0 {
                var room = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&room, 1, 100)
                patience -= 100
                continue
            }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }
}
#endif

#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// The read side of one batch: a single poll loop over the report stream and the three output
/// pipes, so a child writing 50 MB on stdout is drained while it runs and never blocks.
struct BatchDrain {
    enum Ending: Equatable {
        /// The launcher's "D" line: "ok", "stopped" or "interrupted".
        case done(String)
        /// The report stream ended: the launcher is gone. `child` was running at the time.
        case launcherExited(child: pid_t?)
    }

    private(set) var iterations: [IterationReport] = []
    private(set) var stdout = OutputTail(capacity: BatchResult.tailCapBytes)
    private(set) var stderr = OutputTail(capacity: BatchResult.tailCapBytes)
    private(set) var results = ResultChannel(capacity: BatchResult.resultCapBytes)
    /// From the launcher's "M" line, when it runs in a memory cgroup: the batch's own peak.
    private(set) var cgroupPeakBytes: UInt64?
    /// The children wrote more than `spec.limits.outputBytes` on stdout and stderr together: the
    /// batch was stopped (an "I" request) and its last child did not finish on its own.
    private(set) var outputLimitHit = false
    private var runningChild: pid_t?
    private let spec: ChildSpec
    private let progress: ((IterationReport, Int) -> Void)?

    init(spec: ChildSpec, progress: ((IterationReport, Int) -> Void)?) {
        self.spec = spec
        self.progress = progress
    }

    private mutating func record(_ iteration: IterationReport) {
        iterations.append(iteration)
        progress?(iteration, iterations.count)
    }

    /// Reads until the launcher reports the batch done. `pending` holds report bytes not yet parsed
    /// (kept across batches by the caller).
    mutating func run(_ launcher: LauncherProcess, pending: inout [UInt8]) throws(IsolationError) -> Ending {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        let streams: [Stream] = [.stdout, .stderr, .result]
        var fds = [launcher.channel].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        fds += streams.map { pollfd(fd: $0.descriptor(in: launcher), events: Int16(POLLIN), revents: 0) }
        while true {
            if let ending = try parseReports(&pending, launcher: launcher, scratch: scratch) { return ending }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .systemCall("poll", errno: errno)
            }
            // Outputs first: when a report says a child is over, what it wrote is already counted.
            for (index, stream) in streams.enumerated() where fds[index + 1].revents != 0 {
                readAvailable(stream, from: launcher, scratch: scratch, rounds: 16)
            }
            enforceOutputLimit(launcher)
            if fds[0].revents != 0 {
                let count = recv(launcher.channel, scratch.baseAddress, scratch.count, Int32(MSG_DONTWAIT))
                if count > 0 {
                    pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    if let ending = try parseReports(&pending, launcher: launcher, scratch: scratch) { return ending }
                    drainOutputs(launcher, scratch: scratch)
                    return .launcherExited(child: runningChild)
                }
            }
        }
    }

    private mutating func parseReports(
        _ pending: inout [UInt8], launcher: LauncherProcess, scratch: UnsafeMutableRawBufferPointer
    ) throws(IsolationError) -> Ending? {
        try LauncherReportLines.consume(&pending) { report, _ throws(IsolationError) -> Ending? in
            switch report {
            case .started(let pid):
                runningChild = pid
            case .finished(let termination, let usage, let limitHit):
                runningChild = nil
                record(IterationReport(termination: termination, usage: usage, limitHit: limitHit))
            case .spawnFailed(let code, let stage):
                let message = Self.spawnFailureMessage(errno: code, stage: stage, spec: spec)
                record(IterationReport(termination: .spawnFailed(errno: code, message: message), usage: nil))
            case .memoryPeak(let peak, let baseline):
                // What the cgroup already held (the idle launcher, page cache of earlier batches)
                // is not this batch's doing.
                cgroupPeakBytes = peak >= baseline ? peak - baseline : 0
            case .done(let status):
                drainOutputs(launcher, scratch: scratch)
                results.endOfWriter()
                return .done(status)
            case .error(let message):
                throw .protocolError("the launcher refused a request: \(message)")
            case .hello:
                throw .protocolError("a second greeting in the middle of a batch")
            }
            return nil
        }
    }

    /// Over the output cap, the batch is stopped like an interrupt: the launcher sends the running
    /// child its kill signal, SIGKILL after the grace period, and ends the batch. The pipes go on
    /// being drained meanwhile (and counted, not kept past the tails).
    private mutating func enforceOutputLimit(_ launcher: LauncherProcess) {
        guard !outputLimitHit, let cap = spec.limits.outputBytes,
            stdout.totalBytes + stderr.totalBytes > cap
        else { return }
        outputLimitHit = true
        _ = FileDescriptorIO.sendAll(launcher.channel, LauncherRequest.interrupt, dontWait: true)
    }

    /// Everything the children wrote so far; they are all dead when this is called, so it ends.
    private mutating func drainOutputs(_ launcher: LauncherProcess, scratch: UnsafeMutableRawBufferPointer) {
        for stream in [Stream.stdout, .stderr, .result] {
            readAvailable(stream, from: launcher, scratch: scratch, rounds: .max)
        }
    }

    private enum Stream {
        case stdout, stderr, result

        func descriptor(in launcher: LauncherProcess) -> Int32 {
            switch self {
            case .stdout: launcher.stdout
            case .stderr: launcher.stderr
            case .result: launcher.result
            }
        }
    }

    /// Reads what `stream` holds, at most `rounds` reads (see `FileDescriptorIO.readAvailable`).
    private mutating func readAvailable(
        _ stream: Stream, from launcher: LauncherProcess, scratch: UnsafeMutableRawBufferPointer, rounds: Int
    ) {
        FileDescriptorIO.readAvailable(stream.descriptor(in: launcher), scratch: scratch, rounds: rounds) { chunk in
            switch stream {
            case .stdout: stdout.append(chunk)
            case .stderr: stderr.append(chunk)
            case .result: results.append(chunk)
            }
        }
    }

    static func spawnFailureMessage(errno code: Int32, stage: Character, spec: ChildSpec) -> String {
        let text = SystemError.text(code)
        let program = spec.arguments.first ?? ""
        switch stage {
        case "p":
            let path = spec.environment["PATH"].map { "PATH=\($0)" } ?? "the default PATH (no PATH in its environment)"
            return code == EACCES
                ? "\(text): cannot start \"\(program)\": found in \(path) but not executable"
                : "\(text): cannot start \"\(program)\": command not found in \(path)"
        case "c":
            return "\(text): cannot start \"\(program)\" in working directory \"\(spec.workingDirectory ?? "")\""
        default:
            return "\(text): cannot start \"\(program)\""
        }
    }
}
#endif

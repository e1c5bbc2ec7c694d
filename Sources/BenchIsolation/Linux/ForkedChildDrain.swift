#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// The read side of one forked child: a poll loop over the fork server's report pipe and the
/// children's stdout, stderr and result pipes, so output is drained while the child runs and
/// result lines are kept as they arrive.
struct ForkedChildDrain {
    private(set) var iteration: IterationReport?
    private var stdout = OutputTail(capacity: BatchResult.tailCapBytes)
    private var stderr = OutputTail(capacity: BatchResult.tailCapBytes)
    private var results = ResultChannel(capacity: BatchResult.resultCapBytes)
    private var runningChild: pid_t?
    private let spec: ChildSpec

    init(spec: ChildSpec) {
        self.spec = spec
    }

    /// Reads until the server reports the child done ("D"), or until the report pipe ends.
    /// The server enforces the child's timeout; should the server itself stop answering, the
    /// child is killed here once its timeout and grace period are long past.
    mutating func run(
        reports: Int32, outputs: [Int32], pending: inout [UInt8]
    ) throws(IsolationError) -> BatchDrain.Ending {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        let started = IsolationClock.now()
        let patienceNs: UInt64? = spec.timeoutMs > 0
            ? UInt64(spec.timeoutMs + max(0, spec.graceMs)) * 1_000_000 + 10_000_000_000 : nil
        var fds = ([reports] + outputs).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while true {
            if let ending = try parseReports(&pending, outputs: outputs, scratch: scratch) { return ending }
            var timeout: Int32 = -1
            if let patienceNs {
                let elapsed = IsolationClock.now() - started
                guard elapsed < patienceNs else {
                    if let child = runningChild { kill(-child, SIGKILL) }
                    throw .workerServerFailed("it stopped answering")
                }
                timeout = Int32(clamping: (patienceNs - elapsed) / 1_000_000 + 1)
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .systemCall("poll", errno: errno)
            }
            // Outputs first: when a report says the child is over, what it wrote is already counted.
            for index in outputs.indices where fds[index + 1].revents != 0 {
                readAvailable(index, from: outputs[index], scratch: scratch, rounds: 16)
            }
            if fds[0].revents != 0 {
                let count = read(reports, scratch.baseAddress, scratch.count)
                if count > 0 {
                    pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    if let ending = try parseReports(&pending, outputs: outputs, scratch: scratch) { return ending }
                    drainOutputs(outputs, scratch: scratch)
                    return .launcherExited(child: runningChild)
                }
            }
        }
    }

    /// What the child did and wrote, as a batch of one.
    func batch(interrupted: Bool) -> BatchResult {
        var results = self.results
        results.endOfWriter()
        return BatchResult(
            iterations: iteration.map { [$0] } ?? [], stdoutTail: stdout.text, stderrTail: stderr.text,
            stdoutBytes: stdout.totalBytes, stderrBytes: stderr.totalBytes, resultLines: results.lines,
            droppedResultBytes: results.droppedBytes, interrupted: interrupted)
    }

    private mutating func parseReports(
        _ pending: inout [UInt8], outputs: [Int32], scratch: UnsafeMutableRawBufferPointer
    ) throws(IsolationError) -> BatchDrain.Ending? {
        try LauncherReportLines.consume(&pending) { report, line throws(IsolationError) -> BatchDrain.Ending? in
            switch report {
            case .started(let pid):
                runningChild = pid
            case .finished(let termination, let usage, _):
                runningChild = nil
                iteration = IterationReport(termination: termination, usage: usage)
            case .spawnFailed(let code, let stage):
                let message = BatchDrain.spawnFailureMessage(errno: code, stage: stage, spec: spec)
                iteration = IterationReport(termination: .spawnFailed(errno: code, message: message), usage: nil)
            case .done(let status):
                drainOutputs(outputs, scratch: scratch)
                return .done(status)
            case .error(let message):
                throw .workerServerFailed("it refused a request: \(message)")
            case .hello, .memoryPeak:
                throw .workerServerFailed("it sent \"\(line.prefix(80))\" in the middle of a benchmark")
            }
            return nil
        }
    }

    /// Everything the child wrote; it is dead and its group killed when this is called.
    private mutating func drainOutputs(_ outputs: [Int32], scratch: UnsafeMutableRawBufferPointer) {
        for (index, fd) in outputs.enumerated() {
            readAvailable(index, from: fd, scratch: scratch, rounds: .max)
        }
    }

    /// Reads what output `index` (stdout, stderr, result) holds, at most `rounds` reads (see
    /// `FileDescriptorIO.readAvailable`).
    private mutating func readAvailable(_ index: Int, from fd: Int32, scratch: UnsafeMutableRawBufferPointer, rounds: Int) {
        FileDescriptorIO.readAvailable(fd, scratch: scratch, rounds: rounds) { chunk in
            switch index {
            case 0: stdout.append(chunk)
            case 1: stderr.append(chunk)
            default: results.append(chunk)
            }
        }
    }
}
#endif

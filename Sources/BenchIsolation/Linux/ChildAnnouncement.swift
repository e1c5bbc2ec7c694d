#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// What a child tells the fork server once it has its request, on one line:
/// "A <started ns> <timeout ms> <grace ms> <kill signal> <interrupted 0|1> <failure>", where
/// <failure> is "-", "m" (a malformed request) or "c<errno>" (its working directory is unusable).
/// <started ns> is CLOCK_MONOTONIC when the request was in hand: the child's wall time runs from there.
struct ChildAnnouncement: Equatable {
    enum Failure: Equatable {
        case malformed
        case directory(errno: Int32)
    }

    var startedNs: UInt64
    var timeoutMs = 0
    var graceMs = 0
    var killSignal = SIGTERM
    var interrupted = false
    var failure: Failure?

    init(startedNs: UInt64, failure: Failure) {
        self.startedNs = startedNs
        self.failure = failure
    }

    init(startedNs: UInt64, job: ForkedJob, interrupted: Bool) {
        self.startedNs = startedNs
        timeoutMs = job.timeoutMs
        graceMs = job.graceMs
        killSignal = job.killSignal
        self.interrupted = interrupted
    }

    init?(line: String) {
        let fields = line.split(separator: " ")
        guard fields.count == 7, fields[0] == "A", let started = UInt64(fields[1]), let timeout = Int(fields[2]),
            let grace = Int(fields[3]), let signal = Int32(fields[4]), fields[5] == "0" || fields[5] == "1"
        else { return nil }
        startedNs = started
        timeoutMs = timeout
        graceMs = grace
        killSignal = signal
        interrupted = fields[5] == "1"
        switch fields[6] {
        case "-": failure = nil
        case "m": failure = .malformed
        default:
            guard fields[6].first == "c", let code = Int32(fields[6].dropFirst()) else { return nil }
            failure = .directory(errno: code)
        }
    }

    var line: String {
        let failureText: String
        switch failure {
        case nil: failureText = "-"
        case .malformed: failureText = "m"
        case .directory(let code): failureText = "c\(code)"
        }
        return "A \(startedNs) \(timeoutMs) \(graceMs) \(killSignal) \(interrupted ? 1 : 0) \(failureText)"
    }

    /// What the server's watch needs of the request.
    var job: ForkedJob {
        ForkedJob(
            arguments: [], environment: [], timeoutMs: timeoutMs, graceMs: graceMs, killSignal: killSignal,
            workingDirectory: nil)
    }
}
#endif

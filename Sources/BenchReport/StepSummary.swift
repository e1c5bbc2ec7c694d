import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends summary.md to the file GitHub Actions names in GITHUB_STEP_SUMMARY.
///
/// That file is not benchboard's: the variable may point at anything, and a FIFO nobody reads
/// would block an ordinary open (or write) forever, after the run is stored. So the file is
/// opened and written non-blocking: where it would wait (a FIFO without a reader, a reader that
/// stopped taking data for two seconds, a terminal that is not ready), the summary is skipped and
/// the caller warns. Regular files are unaffected by O_NONBLOCK and are appended to as before; real errors
/// (permissions, a full disk) are errors.
public enum StepSummary {
    public enum Outcome: Equatable, Sendable {
        case appended
        /// Not written, or not whole, because writing would have blocked; `reason` says why.
        case skipped(reason: String)
    }

    public static func append(_ text: String, to path: String) throws(ReportError) -> Outcome {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENXIO {
                return .skipped(reason: "it is a FIFO or socket nobody is reading from")
            }
            if code == EAGAIN || code == EWOULDBLOCK {
                return .skipped(reason: "opening it would wait")
            }
            throw .cannotAppendStepSummary(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        let bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            if written < 0 && code == EINTR { continue }
            if written < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
                // A live reader (a pipe to `cat`) drains its buffer in well under this; one that
                // does not is not going to.
                if Self.writable(descriptor, withinMilliseconds: 2_000) { continue }
                return .skipped(reason: offset == 0
                    ? "its reader is not taking data"
                    : "its reader stopped taking data after \(offset) of \(bytes.count) bytes")
            }
            if written < 0 && code == EPIPE {
                return .skipped(reason: "its reader went away after \(offset) of \(bytes.count) bytes")
            }
            throw .cannotAppendStepSummary(path: path, reason: written < 0 ? String(cString: strerror(code)) : "nothing could be written")
        }
        return .appended
    }

    /// Whether `descriptor` takes data again within the time given (poll, restarted on EINTR
    /// with the time left).
    private static func writable(_ descriptor: Int32, withinMilliseconds limit: Int) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limit) * 1_000_000
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return false }
            let ready = poll(&request, 1, Int32((deadline - now) / 1_000_000))
            if ready < 0 && errno == EINTR { continue }
            return ready > 0 && request.revents & Int16(POLLOUT) != 0
        }
    }
}

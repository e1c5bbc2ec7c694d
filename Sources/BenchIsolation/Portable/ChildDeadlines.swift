#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When a child of `PosixSpawner` gets its kill signal (its timeout, or at once when stopped for
/// an interrupt or the output cap) and when SIGKILL follows (after the grace period).
struct ChildDeadlines {
    private let killSignal: Int32
    private let graceNs: UInt64
    /// When the kill signal is due; nil without a timeout, or once sent.
    private var signalAt: UInt64?
    /// When SIGKILL is due, once the kill signal went out.
    private var killAt: UInt64?
    private var stopRequested = false
    private(set) var timedOut = false

    /// Over 2^40 ms (35 years) is "forever", as in the launcher.
    private static let foreverMs = 1 << 40

    init(spec: ChildSpec, startNs: UInt64) {
        killSignal = spec.killSignal
        graceNs = UInt64(min(max(0, spec.graceMs), Self.foreverMs)) * 1_000_000
        signalAt = spec.timeoutMs > 0 ? startNs + UInt64(min(spec.timeoutMs, Self.foreverMs)) * 1_000_000 : nil
    }

    /// Stops the child now, not as a timeout: an interrupt, or the output cap.
    mutating func stop() {
        guard !stopRequested, killAt == nil else { return }
        stopRequested = true
    }

    /// The signals to send now, at most one of each.
    mutating func signalsDue(now: UInt64) -> [Int32] {
        if let killAt, now >= killAt {
            self.killAt = UInt64.max
            return [SIGKILL]
        }
        guard killAt == nil else { return [] }
        if stopRequested || signalAt.map({ now >= $0 }) == true {
            if !stopRequested { timedOut = true }
            signalAt = nil
            killAt = now &+ graceNs
            return [killSignal]
        }
        return []
    }

    /// How long poll() may sleep: until the next deadline, and never long, so an interrupt or the
    /// output cap is acted on soon.
    func pollTimeoutMs(now: UInt64) -> Int32 {
        if stopRequested && killAt == nil { return 0 }
        let next = [signalAt, killAt == UInt64.max ? nil : killAt].compactMap { $0 }.min()
        guard let next else { return 50 }
        let remaining = next > now ? (next - now + 999_999) / 1_000_000 : 0
        return Int32(min(remaining, 50))
    }
}

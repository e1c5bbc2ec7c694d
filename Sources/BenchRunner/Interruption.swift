import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Set once SIGINT or SIGTERM arrives; read by the runner between benchmarks and iterations.
public final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?

    public init() {}

    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    public var isSet: Bool { signal != nil }

    /// Records the first signal; later ones do not overwrite it.
    public func set(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if received == nil { received = signal }
    }
}

/// Turns SIGINT/SIGTERM into a call on a dispatch queue instead of killing benchboard, so the
/// run can stop its children, keep what finished and exit 130.
public final class InterruptMonitor: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    public init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { signo in
            // The default action must be off before the source can see the signal. Children do
            // not inherit this: they start with default handlers.
            Glibc.signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global(qos: .userInitiated))
            source.setEventHandler { handler(signo) }
            source.resume()
            return source
        }
    }

    /// Restores the default actions.
    public func cancel() {
        for source in sources {
            source.cancel()
            Glibc.signal(Int32(source.handle), SIG_DFL)
        }
    }
}

import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Set once SIGINT, SIGTERM or SIGHUP arrives; read by the runner between benchmarks and iterations.
public final class Interruption: Sendable {
    private let received = Mutex<Int32?>(nil)

    public init() {}

    public var signal: Int32? { received.withLock { $0 } }

    public var isSet: Bool { signal != nil }

    /// Records the first signal; later ones do not overwrite it.
    public func set(_ signal: Int32) {
        received.withLock { if $0 == nil { $0 = signal } }
    }
}

/// Turns SIGINT, SIGTERM and SIGHUP into a call on a dispatch queue instead of killing benchboard,
/// so the run can stop its children, keep what finished and exit 130. They come alone (kill, Ctrl-C)
/// or to the whole process group (GNU timeout, a cancelled CI job, a closed terminal).
public final class InterruptMonitor: @unchecked Sendable {
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    // Immutable after init; dispatch sources are thread-safe.
    private let sources: [any DispatchSourceSignal]

    public init(signals: [Int32] = InterruptMonitor.signals, handler: @escaping @Sendable (Int32) -> Void) {
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

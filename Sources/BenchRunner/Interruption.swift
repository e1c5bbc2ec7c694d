import Dispatch
import Foundation
import CBenchSystem
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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
///
/// A C handler writes each signal to a pipe that a dispatch source reads. (SIG_IGN plus a dispatch
/// signal source loses process-directed signals unless every thread blocks them: the kernel drops
/// an ignored signal the main thread does not block.) Children do not inherit the handler: exec
/// resets it, and the launcher is spawned with default handlers.
public final class InterruptMonitor: Sendable {
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let signalsWatched: [Int32]
    private let source: Mutex<(any DispatchSourceRead)?>

    public init(signals: [Int32] = InterruptMonitor.signals, handler: @escaping @Sendable (Int32) -> Void) {
        signalsWatched = signals
        let fd = signals.withUnsafeBufferPointer { cbench_signal_pipe($0.baseAddress, Int32($0.count)) }
        guard fd >= 0 else {
            source = Mutex(nil)
            return
        }
        // Signals caught after an earlier monitor stopped listening are not this run's.
        var stale = [UInt8](repeating: 0, count: 64)
        while read(fd, &stale, stale.count) > 0 {}
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: .global(qos: .userInitiated))
        source.setEventHandler {
            var bytes = [UInt8](repeating: 0, count: 64)
            let count = read(fd, &bytes, bytes.count)
            for byte in bytes.prefix(max(0, count)) { handler(Int32(byte)) }
        }
        source.resume()
        self.source = Mutex(source)
    }

    /// Stops calling the handler. With `restoringDefaults` false the signals stay caught (and are
    /// dropped) until `restoreDefaults()`: a second Ctrl-C must not kill benchboard before the run
    /// file is written.
    public func cancel(restoringDefaults: Bool = true) {
        source.withLock { $0?.cancel() }
        if restoringDefaults { Self.restoreDefaults(signalsWatched) }
    }

    public static func restoreDefaults(_ signals: [Int32] = InterruptMonitor.signals) {
        // `signal` alone would name the property of this type's instances.
        #if canImport(Glibc)
        for signo in signals { Glibc.signal(signo, SIG_DFL) }
        #else
        for signo in signals { Darwin.signal(signo, SIG_DFL) }
        #endif
    }
}

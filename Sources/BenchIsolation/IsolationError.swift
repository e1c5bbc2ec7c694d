#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the isolation engine itself could not do its job. A child that fails, crashes or times
/// out is not an error: it is a `Termination`.
public enum IsolationError: Error, CustomStringConvertible, Equatable {
    /// No launcher binary at any of these places.
    case launcherNotFound(searched: [String])
    /// The launcher could not be started, or stopped answering.
    case launcherFailed(String)
    /// The launcher said something this version does not understand.
    case protocolError(String)
    /// The child spec cannot be passed on as it is.
    case invalidSpec(String)
    /// The worker server of swift benchmarks (see `ForkServer`) could not be started, died or
    /// stopped answering.
    case workerServerFailed(String)
    /// `shutdown()` was called before this `run`.
    case launcherShutDown
    /// An operating-system call benchboard depends on failed.
    case systemCall(String, errno: Int32)

    public var description: String {
        switch self {
        case .launcherNotFound(let searched):
            let places = searched.isEmpty ? "nowhere to look" : searched.joined(separator: ", ")
            return "benchboard-launcher was not found (looked at: \(places)). Build it next to your "
                + "executable with `swift build -c release --product benchboard-launcher` (it is built with "
                + "`benchboard` itself), or set BENCHBOARD_LAUNCHER to its path."
        case .launcherFailed(let reason):
            return "benchboard-launcher failed: \(reason)."
        case .protocolError(let detail):
            return "benchboard-launcher answered something unexpected (\(detail)); it probably belongs to "
                + "another version of benchboard: rebuild the package."
        case .workerServerFailed(let reason):
            return "The swift benchmark worker server failed: \(reason)."
        case .invalidSpec(let reason):
            return "The benchmark cannot be started: \(reason)."
        case .launcherShutDown:
            return "The launcher was already shut down; no more benchmarks can be started through it."
        case .systemCall(let call, let errno):
            return "The system call \(call) failed: \(SystemError.text(errno))."
        }
    }
}

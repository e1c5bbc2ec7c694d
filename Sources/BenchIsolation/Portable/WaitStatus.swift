#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `wait4` says about a child, in the isolation engine's types.
enum WaitStatus {
    /// The status word is laid out the same on Linux and Darwin (the W* macros are not imported
    /// into Swift): the low seven bits are the terminating signal, 0 for an exit, whose status is
    /// the next byte. Stopped children (0x7f) are never asked for.
    static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    static func usage(_ usage: rusage, wallNs: UInt64) -> ChildUsage {
        ChildUsage(
            wallNs: wallNs, maxRSSBytes: UInt64(max(0, usage.ru_maxrss)) * maxRSSUnitBytes,
            userUs: microseconds(usage.ru_utime), systemUs: microseconds(usage.ru_stime),
            voluntaryContextSwitches: UInt64(max(0, usage.ru_nvcsw)),
            involuntaryContextSwitches: UInt64(max(0, usage.ru_nivcsw)),
            minorFaults: UInt64(max(0, usage.ru_minflt)), majorFaults: UInt64(max(0, usage.ru_majflt)))
    }

    /// `ru_maxrss` is in bytes on Darwin and in kilobytes on Linux.
    #if canImport(Darwin)
    static let maxRSSUnitBytes: UInt64 = 1
    #else
    static let maxRSSUnitBytes: UInt64 = 1024
    #endif

    /// tv_usec is 32 bits on Darwin and 64 on Linux; both convert.
    private static func microseconds(_ time: timeval) -> UInt64 {
        UInt64(max(0, time.tv_sec)) * 1_000_000 + UInt64(max(0, time.tv_usec))
    }
}

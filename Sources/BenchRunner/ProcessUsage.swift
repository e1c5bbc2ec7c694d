#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// benchboard's own rusage, for in-process benchmarks (before/after differences).
struct ProcessUsage {
    var userUs: UInt64
    var systemUs: UInt64
    var voluntaryContextSwitches: UInt64
    var involuntaryContextSwitches: UInt64
    var minorFaults: UInt64
    var majorFaults: UInt64

    /// glibc imports RUSAGE_SELF as an enum case, Darwin as a number.
    #if canImport(Glibc)
    private static let who = RUSAGE_SELF.rawValue
    #else
    private static let who = RUSAGE_SELF
    #endif

    static func current() -> ProcessUsage {
        var usage = rusage()
        getrusage(self.who, &usage)
        return ProcessUsage(
            userUs: UInt64(usage.ru_utime.tv_sec) * 1_000_000 + UInt64(usage.ru_utime.tv_usec),
            systemUs: UInt64(usage.ru_stime.tv_sec) * 1_000_000 + UInt64(usage.ru_stime.tv_usec),
            voluntaryContextSwitches: UInt64(usage.ru_nvcsw), involuntaryContextSwitches: UInt64(usage.ru_nivcsw),
            minorFaults: UInt64(usage.ru_minflt), majorFaults: UInt64(usage.ru_majflt))
    }
}

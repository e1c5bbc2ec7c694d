import BenchIsolation
import BenchModel

/// Adds up what every child of one benchmark cost: CPU, switches and faults are summed, max
/// RSS is the largest of them, and so is the memory cgroup's peak over the batches.
struct UsageAccounting {
    private(set) var childWallNs: UInt64 = 0
    private var maxRSS: UInt64?
    private var user: UInt64 = 0
    private var system: UInt64 = 0
    private var voluntary: UInt64 = 0
    private var involuntary: UInt64 = 0
    private var minor: UInt64 = 0
    private var major: UInt64 = 0
    private var cgroupPeak: UInt64?
    private var any = false

    mutating func add(_ batch: BatchResult) {
        if let peak = batch.cgroupPeakBytes { cgroupPeak = Swift.max(cgroupPeak ?? 0, peak) }
        for usage in batch.iterations.compactMap(\.usage) {
            any = true
            childWallNs &+= usage.wallNs
            maxRSS = Swift.max(maxRSS ?? 0, usage.maxRSSBytes)
            user &+= usage.userUs
            system &+= usage.systemUs
            voluntary &+= usage.voluntaryContextSwitches
            involuntary &+= usage.involuntaryContextSwitches
            minor &+= usage.minorFaults
            major &+= usage.majorFaults
        }
    }

    func resources(totalMs: Double) -> Resources {
        guard any else { return Resources(totalMs: totalMs) }
        return Resources(
            maxRSSBytes: maxRSS, cpuUserUs: user, cpuSystemUs: system, totalMs: totalMs,
            voluntaryContextSwitches: voluntary, involuntaryContextSwitches: involuntary,
            minorFaults: minor, majorFaults: major, cgroupPeakBytes: cgroupPeak)
    }
}

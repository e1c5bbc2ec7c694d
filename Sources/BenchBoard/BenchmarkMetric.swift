/// The metric names package-benchmark configurations list. benchboard accepts them so such a
/// configuration compiles unchanged, and measures what it always measures: wall time per
/// iteration, CPU user and system time, peak memory (and instructions with
/// `metric = "instructions"` in config.toml).
public enum BenchmarkMetric: Sendable, Hashable {
    case wallClock, cpuUser, cpuSystem, cpuTotal, throughput
    case peakMemoryResident, peakMemoryResidentDelta, peakMemoryVirtual
    case mallocCountSmall, mallocCountLarge, mallocCountTotal, memoryLeaked
    case syscalls, contextSwitches, threads, threadsRunning, readSyscalls, writeSyscalls
    case readBytesLogical, writeBytesLogical, readBytesPhysical, writeBytesPhysical
    case instructions, retainCount, releaseCount, retainReleaseDelta
    case custom(String)

    public static let `default`: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput, .peakMemoryResident]
    public static let all: [BenchmarkMetric] = [
        .wallClock, .cpuUser, .cpuSystem, .cpuTotal, .throughput, .peakMemoryResident, .peakMemoryResidentDelta,
        .peakMemoryVirtual, .mallocCountSmall, .mallocCountLarge, .mallocCountTotal, .memoryLeaked, .syscalls,
        .contextSwitches, .threads, .threadsRunning, .readSyscalls, .writeSyscalls, .readBytesLogical,
        .writeBytesLogical, .readBytesPhysical, .writeBytesPhysical, .instructions, .retainCount, .releaseCount,
        .retainReleaseDelta,
    ]
}

/// How busy the whole machine was while something ran, from two readings of the first line of
/// `/proc/stat` (CPU time of every core, in clock ticks, since boot): the share that was busy
/// (any process, the measured one included) and the share the hypervisor stole for other
/// guests. A noisy neighbour shows as a high busy share with little of it the benchmark's own, or
/// as steal. Ticks are coarse (10 ms on most kernels, per core), so a process of a few
/// milliseconds reads 0, 0.5 or 1: the figures are for spotting a loaded machine, not measuring.
public struct MachineLoad: Sendable, Equatable {
    /// Cumulative ticks of the `cpu` line.
    public struct Reading: Sendable, Equatable {
        public var total: UInt64
        public var idle: UInt64
        public var steal: UInt64

        public init(total: UInt64, idle: UInt64, steal: UInt64) {
            self.total = total
            self.idle = idle
            self.steal = steal
        }
    }

    /// Busy ticks (neither idle, waiting for I/O, nor stolen) over all ticks, 0…1.
    public var busy: Double
    /// Stolen ticks over all ticks, 0…1.
    public var steal: Double

    /// The machine's counters now; nil without a readable /proc/stat.
    public static func read() -> Reading? {
        ProcFile.read("/proc/stat", limit: 4096).flatMap(parse)
    }

    /// The `cpu` line: user nice system idle iowait irq softirq steal [guest guest_nice]. Guest
    /// time is already counted in user and nice, so it is not added again; waiting for I/O is
    /// idle time.
    public static func parse(_ bytes: [UInt8]) -> Reading? {
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let fields = line.split(separator: UInt8(ascii: " "))
        guard fields.count >= 5, fields[0].elementsEqual("cpu".utf8) else { return nil }
        var values: [UInt64] = []
        for field in fields.dropFirst().prefix(8) {
            guard let value = UInt64(String(decoding: field, as: UTF8.self)) else { return nil }
            values.append(value)
        }
        let idle = values[3] &+ (values.count > 4 ? values[4] : 0)
        let total = values.reduce(0, &+)
        return Reading(total: total, idle: idle, steal: values.count > 7 ? values[7] : 0)
    }

    /// The load between two readings; nil when no tick passed between them (or the counters went
    /// backwards), where any share would be made up.
    public init?(from start: Reading, to end: Reading) {
        guard end.total > start.total, end.idle >= start.idle, end.steal >= start.steal else { return nil }
        let ticks = Double(end.total - start.total)
        let idle = Double(end.idle - start.idle)
        let stolen = Double(end.steal - start.steal)
        busy = min(1, max(0, (ticks - idle - stolen) / ticks))
        steal = min(1, stolen / ticks)
    }
}

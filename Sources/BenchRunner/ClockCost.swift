/// What reading `MonotonicClock` costs on this machine, measured the way a sample pays for it:
/// reads back to back, so each interval between two reads holds one whole read.
///
/// One figure is the median of many trials, each the mean of a run of back-to-back reads: a
/// trial averages away the clock's resolution (a coarse clock repeats a value, then jumps), and
/// the median drops the trials that an interrupt or a migration to another core landed in.
public enum ClockCost {
    /// Trials of `readsPerTrial` reads each: about 13 000 reads, a fraction of a millisecond with
    /// a vDSO clock (20–40 ns a read on a virtual machine), a few milliseconds with a slow one.
    public static let trials = 101
    public static let readsPerTrial = 128

    /// Nanoseconds per read; never below a hundredth of a nanosecond, so it can divide.
    public static func measure() -> Double {
        var perRead: [Double] = []
        perRead.reserveCapacity(trials)
        // A first pass pages in the vDSO and warms the caches; it is not counted.
        _ = trial()
        for _ in 0..<trials { perRead.append(trial()) }
        perRead.sort()
        return max(0.01, perRead[perRead.count / 2])
    }

    private static func trial() -> Double {
        let first = MonotonicClock.now()
        var last = first
        for _ in 0..<readsPerTrial { last = MonotonicClock.now() }
        return Double(last &- first) / Double(readsPerTrial)
    }
}

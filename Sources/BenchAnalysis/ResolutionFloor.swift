/// The smallest absolute changes of CPU time and memory a verdict may rest on: below them a
/// difference is the measurement's granularity, not the code.
///
/// Measured on the 2-core Linux machines benchboard's CI runs on (kernel 6.18, 4 KiB pages) with
/// small C probes: children forked from a tiny parent, their rusage read with wait4.
enum ResolutionFloor {
    /// CPU: one scheduler tick (4 ms) of a process's user + system time.
    ///
    /// The tick is 4 ms there (`clock_getres(CLOCK_MONOTONIC_COARSE)` = 4 000 000 ns, HZ = 250).
    /// The kernel scales the sum of user and system time to the scheduler's own runtime, so the sum
    /// reads to the microsecond, but the split between them is sampled at the tick: a child spinning
    /// 20 ms in user code was booked anything from 0 to 20.7 ms of user time. And the sum carries
    /// the process's start and exit: 15 identical children burning 300 µs read 571 … 832 µs, a
    /// small deterministic C program 20.3 … 25.4 ms over 12 runs. A tick per process covers that
    /// jitter and holds on kernels that account in whole ticks; divided by a process's iterations
    /// it is the floor of CPU per iteration.
    static let cpuPerProcessUs = 4_000.0

    /// Memory: 512 KiB (128 pages).
    ///
    /// Max RSS counts resident 4 KiB pages, and identical processes do not touch the same number:
    /// over 40 runs each, /bin/true read 864 … 1 088 KiB (range 224 KiB), a C program allocating
    /// and freeing 17 MB with malloc 17 972 … 18 352 KiB (380 KiB), `python3 -c pass`
    /// 13 228 … 13 504 KiB (276 KiB). glibc's malloc moves the heap top in steps of 128 KiB
    /// (M_TOP_PAD) and maps blocks of 128 KiB and more on their own, so a Swift benchmark's peak
    /// growth moves in such steps too. 512 KiB lies above every range measured.
    static let memoryBytes = 512.0 * 1024
}

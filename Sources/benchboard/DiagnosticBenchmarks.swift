import BenchBoard
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Benchmarks that exercise benchboard itself: the isolation overhead (`noop`), memory
/// accounting, and how crashes, hangs and errors are reported. Used by Benchmarks/config.toml
/// and the tests; the default suite does not run them, and main.swift registers them as
/// diagnostic so they are never offered to users as examples.
enum DiagnosticBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark("noop") { _ in },
            // A known amount of work, 1, 4 and 16 times over (and 16 times as inner iterations):
            // their times must scale with it down to a few nanoseconds (see BatchSizing).
            Benchmark("loop-1x") { _ in blackHoleUnits(1) },
            Benchmark("loop-4x") { _ in blackHoleUnits(4) },
            Benchmark("loop-16x") { _ in blackHoleUnits(16) },
            Benchmark("loop-1x-scaled-16", configuration: .init(scalingFactor: 16)) { benchmark in
                for _ in benchmark.scaledIterations { blackHoleUnits(1) }
            },
            Benchmark("allocate-64mib") { _ in
                // Touch every page so the memory is really resident, not just reserved.
                let buffer = [UInt8](repeating: 1, count: 64 << 20)
                blackHole(buffer)
            },
            Benchmark("hash-2k-keys") { _ in
                // Hashing: its cost depends on the per-process seed unless SWIFT_DETERMINISTIC_HASHING is set.
                var keys = Set<String>()
                for number in 0..<2_000 { keys.insert("key-\(number)") }
                blackHole(keys)
            },
            Benchmark("crash-sigsegv") { _ in
                raise(SIGSEGV)
            },
            Benchmark("hang") { _ in
                while true { sleep(1) }
            },
            hangAfterThreeIterations,
            throwAfterThreeIterations,
            Benchmark("sleep-5ms") { _ in usleep(5_000) },
            Benchmark("sleep-5ms-budget-50ms", configuration: .init(maxDuration: .milliseconds(50))) { _ in
                usleep(5_000)
            },
            fillCacheOnce,
            Benchmark("leak-64mib") { _ in
                // Allocated, touched and never freed: the leak must end with its own process.
                guard let leaked = malloc(64 << 20) else { return }
                memset(leaked, 1, 64 << 20)
            },
            Benchmark("record-parent") { _ in
                // Appends the parent's command line to the file the environment names, so tests can
                // see which process forked or spawned the benchmark. The pause keeps each call far
                // above a sample's target length: a call short enough to be timed in batches would
                // write one line per call of the batch and of its calibration, not one per iteration.
                usleep(2_000)
                guard let path = getenv("BENCHBOARD_TEST_PARENT_FILE"), let file = fopen(path, "a") else { return }
                defer { fclose(file) }
                let parent = (try? String(contentsOfFile: "/proc/\(getppid())/cmdline", encoding: .utf8)) ?? ""
                fputs("\(getppid()) \(parent.replacingOccurrences(of: "\0", with: " "))\n", file)
            },
            Benchmark("fork-daemon") { _ in
                // A grandchild that leaves the process group and keeps the benchmark's descriptors.
                if fork() == 0 {
                    setsid()
                    sleep(30)
                    _exit(0)
                }
            },
            Benchmark("kill-parent") { _ in
                kill(getppid(), SIGKILL)
                sleep(1)
            },
            Benchmark("throws") { _ in
                throw DiagnosticError()
            },
        ]
    }

    /// Three iterations of 2 ms, then a hang: a timeout must keep the three samples.
    private static var hangAfterThreeIterations: Benchmark {
        let counter = Fixture { Counter() }
        return Benchmark("hang-after-3") { _ in
            if counter.value.next() <= 3 {
                usleep(2_000)
            } else {
                while true { sleep(1) }
            }
        }
    }

    /// Three iterations of 2 ms, then a throw: the failure must keep the three samples. (Long
    /// enough to be timed one a sample: a quick one would be timed in batches, and throw in the
    /// calibration, before any sample.)
    private static var throwAfterThreeIterations: Benchmark {
        let counter = Fixture { Counter() }
        return Benchmark("throw-after-3") { _ in
            if counter.value.next() > 3 { throw DiagnosticError() }
            usleep(2_000)
        }
    }

    /// `count` units of a known amount of work: a call the optimizer can neither drop nor inline.
    @inline(never)
    static func blackHoleUnits(_ count: Int) {
        var unit = 0
        while unit < count {
            blackHole(unit)
            unit &+= 1
        }
    }

    /// Fills a 32 MiB cache on its first call and reuses it afterwards: with a warm-up, all its
    /// memory growth happens in the warm-up.
    private static var fillCacheOnce: Benchmark {
        let cache = Fixture { [UInt8](repeating: 1, count: 32 << 20) }
        return Benchmark("fill-cache-32mib") { _ in blackHole(cache.value.count) }
    }

    struct DiagnosticError: Error, CustomStringConvertible {
        var description: String { "the benchmark threw on purpose" }
    }
}

// A tiny package-benchmark suite whose exported JSON is the import test fixture.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput], maxDuration: .milliseconds(200), maxIterations: 20)

    Benchmark("String copy") { benchmark in
        let source = String(repeating: "x", count: 64)
        for _ in benchmark.scaledIterations {
            blackHole(String(source.reversed()))
        }
    }

    Benchmark("Array sum") { benchmark in
        let values = Array(0..<1000)
        for _ in benchmark.scaledIterations {
            blackHole(values.reduce(0, +))
        }
    }
}

import BenchStats

/// Deterministic synthetic data for the statistical tests.
enum Synthetic {
    /// `count` values around `level` with relative Gaussian noise `noise` (0.05 = 5 %).
    static func noisy(_ count: Int, level: Double, noise: Double, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in level * (1 + noise * generator.nextNormal()) }
    }

    /// A series of `count` values at `level`, multiplied by (1 + step) from index `at` on.
    static func stepSeries(
        count: Int, at: Int, step: Double, level: Double = 1_000_000, noise: Double, seed: UInt64
    ) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            let base = index >= at ? level * (1 + step) : level
            return base * (1 + noise * generator.nextNormal())
        }
    }
}

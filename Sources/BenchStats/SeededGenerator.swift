/// SplitMix64: a tiny, fast, seedable generator, so synthetic series and any resampling give the
/// same numbers on every machine and every run (the standard library's generator is not seedable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in the open interval (0, 1): never 0, so its logarithm is finite.
    public mutating func nextUnitInterval() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0
    }

    /// A standard normal variate (Box-Muller; the second variate is dropped to keep the state simple).
    public mutating func nextNormal() -> Double {
        let u1 = nextUnitInterval()
        let u2 = nextUnitInterval()
        let radius = (-2 * MathFunctions.naturalLog(u1)).squareRoot()
        return radius * Self.cosine(2 * Double.pi * u2)
    }

    /// A normal variate with the given mean and standard deviation.
    public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextNormal()
    }

    private static func cosine(_ x: Double) -> Double { MathFunctions.cosine(x) }
}

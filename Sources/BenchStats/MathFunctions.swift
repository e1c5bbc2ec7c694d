#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libm functions the statistics need. Going through the C library rather than
/// Foundation keeps this module free of dependencies, and `erfc` is the same function SciPy's
/// normal survival function is built on, so p-values agree to the last digits.
enum MathFunctions {
    static func naturalLog(_ x: Double) -> Double { log(x) }
    static func exponential(_ x: Double) -> Double { exp(x) }
    static func complementaryError(_ x: Double) -> Double { erfc(x) }
    static func cosine(_ x: Double) -> Double { cos(x) }

    /// P(Z ≥ z) for a standard normal Z; exact in the far tail where 1 − Φ(z) would cancel.
    static func normalSurvival(_ z: Double) -> Double {
        if z == .infinity { return 0 }
        if z == -.infinity { return 1 }
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}

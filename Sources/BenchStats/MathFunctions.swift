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
    static func cosine(_ x: Double) -> Double { cos(x) }

    /// The standard normal quantile Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation
    /// (relative error below 1.2e-9) polished by one Halley step on `erfc`, which brings it to
    /// the precision of `erfc` itself. Used for the critical values of interval estimates.
    static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normal quantile outside (0, 1)")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155797250e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let lowTail = 0.02425
        var x: Double
        if p < lowTail || p > 1 - lowTail {
            let q = (-2 * log(p < lowTail ? p : 1 - p)).squareRoot()
            let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
            let denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
            x = p < lowTail ? numerator / denominator : -numerator / denominator
        } else {
            let q = p - 0.5
            let r = q * q
            let numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            let denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
            x = numerator / denominator
        }
        let error = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// P(Z ≥ z) for a standard normal Z; exact in the far tail where 1 − Φ(z) would cancel.
    static func normalSurvival(_ z: Double) -> Double {
        if z == .infinity { return 0 }
        if z == -.infinity { return 1 }
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}

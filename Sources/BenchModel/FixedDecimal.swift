import Foundation

/// `String(format: "%.Nf", value)` without Foundation's formatter, which builds a CFString, a
/// va_list and a format parse per call: the reports format a few hundred thousand numbers (every
/// memory cell, change badge and instruction count), and that was a tenth of their rendering.
///
/// The text is the formatter's for every value: printf rounds the exact binary value half to
/// even, and so does this. Values it cannot decide cheaply (not finite, or 2^50 and more once
/// scaled) go to the formatter itself. `FixedDecimalTests` compares the two over edge and
/// seeded random values.
public enum FixedDecimal {
    /// 10^0 … 10^9: every one is exact as a Double, so scaling by it is one rounding.
    private static let scales: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// Below this, a scaled value's integer part fits an Int with room, and its fraction (and
    /// the fraction minus one half) is exact; above it the formatter decides.
    private static let limit = 0x1p50

    /// `value` with `decimals` digits after the point (0…9), as `String(format: "%.<decimals>f")`.
    public static func string(_ value: Double, decimals: Int) -> String {
        guard decimals >= 0, decimals < scales.count, value.isFinite,
            let units = roundedUnits(value.magnitude, scale: scales[decimals])
        else {
            return String(format: "%.\(decimals)f", value)
        }
        // printf keeps the sign of a negative value that rounds to zero ("-0.0"), and of -0.
        let negative = value.sign == .minus
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            // Digits from the right: the fraction, the point, the integer part, the sign.
            var position = buffer.count
            var rest = units
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            if decimals > 0 {
                for _ in 0..<decimals {
                    put(UInt8(ascii: "0") + UInt8(rest % 10))
                    rest /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            if negative { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }

    /// `magnitude × scale` rounded to the nearest integer, ties to even, decided on the exact
    /// product; nil when it is too large to decide here.
    private static func roundedUnits(_ magnitude: Double, scale: Double) -> UInt64? {
        let high = magnitude * scale
        guard high < limit else { return nil }
        // Rounding is monotonic and 0.5 is a Double, so a product rounded below 0.5 was below it.
        if high < 0.5 { return 0 }
        // The product's rounding error, exactly: magnitude × scale = high + low (a fused
        // multiply-add; high ≥ 0.5 keeps low far from the subnormals).
        let low = (-high).addingProduct(magnitude, scale)
        let whole = high.rounded(.down)
        // Both subtractions are exact: high and whole share a binade (or whole is 0), and the
        // fraction is a multiple of high's ulp (≥ 2^-53) below 1.
        let excess = (high - whole) - 0.5
        // The exact fraction beyond one half is excess + low; compare without adding.
        var units = UInt64(whole)
        if excess > -low || (excess == -low && units & 1 == 1) { units += 1 }
        return units
    }
}

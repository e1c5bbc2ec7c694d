import Foundation

/// Human-readable numbers in the units the reports use. Fixed decimals and a C locale, so
/// the same run renders the same text on every machine.
public enum UnitFormat {
    /// A duration given in nanoseconds, in the unit that reads best, with three significant
    /// digits: "507 ns", "26.1 µs", "8.78 ms", "1.42 s". Every time a person reads (tables,
    /// summaries, the terminal line, tooltips, JUnit messages) goes through here; machine-readable
    /// fields keep their own units (`samplesNs`, JUnit's `time` in seconds, compare's JSON in ns).
    ///
    /// The value is rounded to three significant digits first and the unit chosen from the
    /// rounded value, so 999.5 ns reads "1.00 µs", never "1000 ns": below 1 µs → ns, below 1 ms
    /// → µs, below 1 s → ms, else s. Trailing zeros stay ("1.00 µs", "8.80 ms") because they
    /// are digits measured, except in nanoseconds, the clock's own tick, where a whole count
    /// reads "30 ns" and only a fraction (a median between two samples, an imported mean) shows
    /// decimals: "30.5 ns", "2.35 ns". From 1000 s on, whole seconds ("1234 s"): more digits
    /// rather than an exponent. 0 is "0 ns"; a negative value gets a minus sign.
    ///
    /// Durations come from history files, whose reader refuses non-finite numbers, so NaN and
    /// infinity do not reach this; should one, it reads "–" (the reports' "no value") rather
    /// than a misleading number.
    public static func duration(ns: Double) -> String {
        guard ns.isFinite else { return "–" }
        if ns < 0 { return "-" + duration(ns: -ns) }
        if ns == 0 { return "0 ns" }
        if ns >= 999_500_000_000 { return FixedDecimal.string(ns / 1e9, decimals: 0) + " s" }
        guard let (digits, exponent) = threeSignificantDigits(ns) else { return "–" }
        // `digits` (100…999) × 10^(exponent − 2) ns, exponent ≤ 11 here; the unit is the largest
        // power of 1000 at or below, so 0 to 2 decimals (more below 1 ns).
        let unitExponent = min(9, max(0, exponent / 3 * 3))
        let decimals = unitExponent + 2 - exponent
        let number = decimals == 0 ? String(digits) : decimalText(digits, decimals: decimals, trimmed: unitExponent == 0)
        // One append, not an interpolation: this runs for every chart point's title.
        switch unitExponent {
        case 0: return number + " ns"
        case 3: return number + " µs"
        case 6: return number + " ms"
        default: return number + " s"
        }
    }

    /// Three digits with the point `decimals` places from the right, zeros in front as needed
    /// (123, 4 → "0.0123"); `trimmed` drops trailing zeros, and the point when nothing follows it.
    private static func decimalText(_ digits: Int, decimals: Int, trimmed: Bool) -> String {
        let zero = UInt8(ascii: "0")
        let point = UInt8(ascii: ".")
        // "0." and zeros, or nothing, then the digits with the point among them.
        let length = max(decimals + 2, 4)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
            // From the right; once the digits run out, `rest` gives the zeros.
            var rest = digits
            for position in stride(from: length - 1, through: 0, by: -1) {
                if position == length - 1 - decimals {
                    buffer[position] = point
                } else {
                    buffer[position] = zero + UInt8(rest % 10)
                    rest /= 10
                }
            }
            var end = length
            if trimmed {
                while buffer[end - 1] == zero { end -= 1 }
                if buffer[end - 1] == point { end -= 1 }
            }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[..<end]), as: UTF8.self)
        }
    }

    /// A positive finite value as three digits (100…999) and the decimal exponent of the first:
    /// 26_149 → (261, 4). Rounds half away from zero, after scaling by an exact power of ten.
    private static func threeSignificantDigits(_ value: Double) -> (Int, Int)? {
        var exponent = Int(log10(value).rounded(.down))
        func scaled(_ exponent: Int) -> Double {
            let shift = exponent - 2
            return shift >= 0 ? value / powerOfTen(shift) : value * powerOfTen(-shift)
        }
        var digits = scaled(exponent).rounded()
        // log10 can land one off next to a power of ten; rounding up can carry into a fourth digit.
        if digits < 100 { exponent -= 1; digits = scaled(exponent).rounded() }
        if digits >= 1000 { exponent += 1; digits = scaled(exponent).rounded() }
        guard digits >= 100, digits < 1000 else { return nil }
        return (Int(digits), exponent)
    }

    /// `pow(10, n)`, from a table of the first ones: pow is a libm call per duration otherwise.
    private static func powerOfTen(_ n: Int) -> Double {
        n < powersOfTen.count ? powersOfTen[n] : pow(10, Double(n))
    }

    /// Made by pow itself, so a lookup returns exactly what the call would.
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// An instruction count in decimal units: "850 instr", "14.04K instr", "101.63M instr", "2.10G instr".
    public static func instructions(_ count: Double) -> String {
        for (scale, unit) in countUnits where abs(count) >= scale {
            return FixedDecimal.string(count / scale, decimals: 2) + unit + " instr"
        }
        return FixedDecimal.string(count, decimals: 0) + " instr"
    }

    private static let countUnits: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "K")]

    /// Bytes in binary units with one decimal: "45.2 KB", "1.4 MB".
    public static func bytes(_ bytes: UInt64) -> String {
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < byteUnits.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : FixedDecimal.string(value, decimals: 1) + byteUnits[unit]
    }

    private static let byteUnits = [" B", " KB", " MB", " GB", " TB"]

    /// A size limit and what exceeds it, in the unit `[history] max_file_mb` takes: "300 MiB",
    /// "1.2 MiB", "100 bytes".
    public static func mebibytes(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\(bytes) bytes" }
        return bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : FixedDecimal.string(Double(bytes) / 1_048_576, decimals: 1) + " MiB"
    }

    /// A count with its noun, singular for exactly one: "1 run", "3 runs", "0 benchmarks".
    /// `plural` is for nouns that do not just add "s".
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// A signed percentage with one decimal: "+12.3%", "-4.0%", "±0.0%".
    public static func percent(_ value: Double) -> String {
        if abs(value) < 0.05 { return "±0.0%" }
        return (value > 0 ? "+" : "-") + FixedDecimal.string(abs(value), decimals: 1) + "%"
    }
}

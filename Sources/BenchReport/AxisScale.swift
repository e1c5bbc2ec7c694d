/// The y axis of a trend chart: a range that starts and ends on round values, ticks at 1, 2,
/// 2.5 or 5 × 10^k apart, and one unit (ns, µs, ms or s) for the whole chart, so the labels
/// read "0.5 / 1 / 1.5 ms" instead of "16.028 / 53.545 / 91.061 ms".
struct AxisScale {
    let minimum: Double
    let maximum: Double
    let step: Double
    let low: Double
    let high: Double
    /// "ns", "µs", "ms" or "s", chosen from the largest tick.
    let unit: String
    /// Nanoseconds per `unit`.
    let unitSize: Double
    /// Decimals that show every tick exactly in `unit`.
    let decimals: Int

    /// `values` in nanoseconds; `minimumSpan` is the smallest range shown, as a fraction of the
    /// largest value, so a flat series with 1 % noise does not fill the whole height.
    init(values: [Double], low: Double, high: Double, minimumSpan: Double, targetTicks: Int = 5) {
        let finite = values.filter(\.isFinite)
        var lower = finite.min() ?? 0
        var upper = finite.max() ?? 1
        let span = Swift.max(abs(upper) * minimumSpan, 1e-9)
        if upper - lower < span {
            let grow = (span - (upper - lower)) / 2
            lower -= grow
            upper += grow
        }
        lower = Swift.max(0, lower)
        let step = Self.niceStep((upper - lower) / Double(Swift.max(1, targetTicks - 1)))
        var minimum = (lower / step).rounded(.down) * step
        var maximum = (upper / step).rounded(.up) * step
        if maximum <= minimum { maximum = minimum + step }
        // Keep a little headroom so the line never sits on the frame.
        if upper > maximum - step * 0.05 { maximum += step }
        if lower < minimum + step * 0.05, minimum - step >= 0 { minimum -= step }
        // Values near Double's limit (a corrupt or hostile history) round up past it.
        if !maximum.isFinite || !(maximum > minimum) {
            minimum = lower
            maximum = upper.isFinite && upper > lower ? upper : lower + 1
        }
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.low = low
        self.high = high
        (unit, unitSize) = Self.unit(for: maximum)
        decimals = Self.decimals(step / unitSize)
    }

    func y(_ value: Double) -> Double {
        low + (value - minimum) / (maximum - minimum) * (high - low)
    }

    /// Every tick from `minimum` to `maximum`.
    var ticks: [Double] {
        let count = ((maximum - minimum) / step).rounded()
        guard count.isFinite, count <= 20 else { return [minimum, maximum] }
        return (0...Swift.max(0, Int(count))).map { minimum + Double($0) * step }
    }

    /// A tick value in the chart's unit without the unit: "2.5", "10".
    func label(_ value: Double) -> String {
        let scaled = value / unitSize
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        // Only absurd values (beyond 10^15 of the unit) are too large for whole-number arithmetic.
        guard (scaled * factor).isFinite, abs(scaled * factor) < 1e15 else { return String(format: "%.3g", scaled) }
        guard decimals > 0 else { return String(Int(scaled.rounded())) }
        let whole = Int((scaled * factor).rounded())
        let integer = whole / Int(factor)
        var fraction = String(abs(whole % Int(factor)))
        while fraction.count < decimals { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(integer)" : "\(integer).\(fraction)"
    }

    /// The smallest of 1, 2, 2.5, 5 × 10^k that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where factor * magnitude >= raw * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    static func unit(for nanoseconds: Double) -> (String, Double) {
        if nanoseconds >= 1e9 { return ("s", 1e9) }
        if nanoseconds >= 1e6 { return ("ms", 1e6) }
        if nanoseconds >= 1e3 { return ("µs", 1e3) }
        return ("ns", 1)
    }

    /// 0 for 5, 1 for 2.5 or 0.5, 2 for 0.25: the places a step needs.
    static func decimals(_ step: Double) -> Int {
        var scaled = step
        for places in 0..<6 {
            if abs(scaled - scaled.rounded()) < 1e-6 * Swift.max(1, abs(scaled)) { return places }
            scaled *= 10
        }
        return 6
    }
}

public enum Quantile {
    /// Linear interpolation between closest ranks (NumPy's default, R type 7).
    public static func of(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty sample set")
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The median of unsorted values; nil when there are none.
    public static func median(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : of(sorted: values.sorted(), 0.5)
    }

    /// Median absolute deviation from the median (unscaled); nil when there are no values.
    public static func mad(_ values: [Double]) -> Double? {
        guard let center = median(values) else { return nil }
        return median(values.map { abs($0 - center) })
    }
}

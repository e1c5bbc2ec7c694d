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

    /// The median of unsorted values; nil when there are none. `of(sorted: values.sorted(), 0.5)`
    /// exactly, without sorting: the two middle ranks are selected (`select`), and interpolated
    /// as `of(sorted:_:)` does. Change points take medians of thousands of values per benchmark.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        // NaN compares false with everything, which the selection's scans rely on not happening.
        if values.contains(where: \.isNaN) { return of(sorted: values.sorted(), 0.5) }
        let position = 0.5 * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let fraction = position - Double(lower)
        var buffer = values
        return buffer.withUnsafeMutableBufferPointer { buffer -> Double in
            select(lower, in: buffer)
            let low = buffer[lower]
            // After the selection every value past `lower` is at least `low`: the next rank is their least.
            var high = low
            if lower + 1 < buffer.count {
                high = buffer[lower + 1]
                for index in (lower + 2)..<buffer.count where buffer[index] < high { high = buffer[index] }
            }
            return low + (high - low) * fraction
        }
    }

    /// Puts the `rank`-th smallest value (from 0) at `rank`, the values before it at most it and
    /// those after it at least it (Hoare's selection with a median-of-three pivot). No NaN.
    static func select(_ rank: Int, in values: UnsafeMutableBufferPointer<Double>) {
        var left = 0
        var right = values.count - 1
        while right > left {
            let middle = left + (right - left) / 2
            if values[middle] < values[left] { values.swapAt(middle, left) }
            if values[right] < values[left] { values.swapAt(right, left) }
            if values[right] < values[middle] { values.swapAt(right, middle) }
            let pivot = values[middle]
            var i = left
            var j = right
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                right = j
            } else if rank >= i {
                left = i
            } else {
                return
            }
        }
    }

    /// Median absolute deviation from the median (unscaled); nil when there are no values.
    public static func mad(_ values: [Double]) -> Double? {
        guard let center = median(values) else { return nil }
        return median(values.map { abs($0 - center) })
    }
}

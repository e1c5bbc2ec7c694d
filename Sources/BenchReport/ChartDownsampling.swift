import BenchAnalysis

/// Which runs of a series a chart draws one by one and which it draws as buckets, so a chart
/// stays the same size however long the history grows. This is the one home of that rule; the
/// figures on the pages (latest median, changes, verdicts, steps) never pass through it, so they
/// are the same with and without it.
///
/// The rule, applied only when a series has more than `maxPoints` runs:
/// - Kept one by one: the newest `newestRuns` runs (what a reader compares), the run before and
///   the run at each reported step (the newest `maxSteps` of them), so a step stays a visible
///   jump at its own run, and every run that did not succeed (the newest `maxFailures` of them).
/// - Everything else is cut, in run order, into buckets of consecutive runs that never reach
///   across a kept run. All buckets of a stretch between two kept runs have the same size (give
///   or take one), the smallest size that keeps the total within `maxPoints`. A bucket is drawn
///   at its middle run with the median of its runs' medians, its min/max envelope (whiskers),
///   and the median of their spread bands; a bucket holding failed runs (only when there are more
///   than `maxFailures`) marks them with their count.
/// - x stays proportional to runs, so dates, steps and zoom windows line up with the full series.
///
/// Deterministic: the same series gives the same slots. At most `newestRuns + 2 × maxSteps +
/// maxFailures` runs are kept, and each kept stretch adds at most one bucket of rounding, so the
/// defaults never exceed 1000 slots.
struct ChartDownsampling: Sendable {
    var maxPoints = 1000
    var newestRuns = 100
    var maxSteps = 50
    var maxFailures = 200

    /// One drawn element of a series: a single run or a bucket of consecutive runs.
    struct Slot: Sendable, Equatable {
        /// Indices into the series' points, first and last included.
        var first: Int
        var last: Int
        /// The run's median, or the median of the bucket's successful medians; nil when none succeeded.
        var medianNs: Double?
        /// The smallest and largest successful median of a bucket (equal to `medianNs` for one run).
        var minNs: Double?
        var maxNs: Double?
        /// The spread band: the run's own, or the median of the bucket's lows and of its highs.
        var lowNs: Double?
        var highNs: Double?
        /// How many of its runs did not succeed.
        var failed: Int

        var count: Int { last - first + 1 }
        var isBucket: Bool { last > first }
        /// Where it is drawn, in runs from the first point (the middle of a bucket).
        var position: Double { Double(first + last) / 2 }
    }

    func slots(_ points: [TrendPoint], stepIndices: [Int]) -> [Slot] {
        let count = points.count
        guard count > maxPoints, maxPoints > 0 else { return points.indices.map { Self.slot(points, $0...$0) } }
        var kept = [Bool](repeating: false, count: count)
        for index in max(0, count - newestRuns)..<count { kept[index] = true }
        for step in stepIndices.sorted().suffix(maxSteps) where step >= 0 && step < count {
            kept[step] = true
            if step > 0 { kept[step - 1] = true }
        }
        var failures = 0
        for index in stride(from: count - 1, through: 0, by: -1) where points[index].medianNs == nil {
            guard failures < maxFailures else { break }
            kept[index] = true
            failures += 1
        }
        // The stretches of runs between kept ones, in order.
        var stretches: [Range<Int>] = []
        var start: Int?
        for index in 0...count {
            let isKept = index == count || kept[index]
            if isKept, let first = start {
                stretches.append(first..<index)
                start = nil
            } else if !isKept, start == nil {
                start = index
            }
        }
        let keptCount = kept.lazy.filter { $0 }.count
        let bucketed = count - keptCount
        let budget = maxPoints - keptCount
        // Σ ceil(L / size) ≤ bucketed / size + stretches, so this size fits the budget whenever
        // the budget exceeds the number of stretches; otherwise one bucket per stretch.
        let size =
            budget > stretches.count
            ? max(1, (bucketed + budget - stretches.count - 1) / (budget - stretches.count))
            : max(1, stretches.map(\.count).max() ?? 1)

        // Reused by every bucket: three arrays and their sorted copies per bucket were a fifth of
        // drawing a chart of thousands of runs.
        var scratch = BucketScratch()
        var slots: [Slot] = []
        slots.reserveCapacity(min(count, maxPoints))
        var nextStretch = 0
        var index = 0
        while index < count {
            if kept[index] {
                slots.append(Self.slot(points, index...index))
                index += 1
                continue
            }
            let stretch = stretches[nextStretch]
            nextStretch += 1
            let buckets = (stretch.count + size - 1) / size
            for bucket in 0..<buckets {
                // Even sizes within a stretch: boundaries at k × length / buckets.
                let first = stretch.lowerBound + bucket * stretch.count / buckets
                let end = stretch.lowerBound + (bucket + 1) * stretch.count / buckets
                slots.append(Self.slot(points, first...(end - 1), &scratch))
            }
            index = stretch.upperBound
        }
        return slots
    }

    private static func slot(_ points: [TrendPoint], _ range: ClosedRange<Int>) -> Slot {
        var scratch = BucketScratch()
        return slot(points, range, &scratch)
    }

    private static func slot(_ points: [TrendPoint], _ range: ClosedRange<Int>, _ scratch: inout BucketScratch) -> Slot {
        // Fields are read in place: copying a point would retain its run id and commit.
        if range.count == 1 {
            let index = range.lowerBound
            let median = points[index].medianNs
            return Slot(
                first: index, last: index, medianNs: median, minNs: median, maxNs: median,
                lowNs: median == nil ? nil : points[index].lowNs, highNs: median == nil ? nil : points[index].highNs,
                failed: median == nil ? 1 : 0)
        }
        // The successful runs' medians, and the band edges they recorded.
        scratch.medians.removeAll(keepingCapacity: true)
        scratch.lows.removeAll(keepingCapacity: true)
        scratch.highs.removeAll(keepingCapacity: true)
        for index in range {
            guard let median = points[index].medianNs else { continue }
            scratch.medians.append(median)
            if let low = points[index].lowNs { scratch.lows.append(low) }
            if let high = points[index].highNs { scratch.highs.append(high) }
        }
        let least = scratch.medians.min()
        let greatest = scratch.medians.max()
        return Slot(
            first: range.lowerBound, last: range.upperBound, medianNs: median(&scratch.medians), minNs: least,
            maxNs: greatest, lowNs: median(&scratch.lows), highNs: median(&scratch.highs),
            failed: range.count - scratch.medians.count)
    }

    /// The median of `values`, which it sorts.
    private static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
    }
}

/// The values of one bucket, gathered again for each.
private struct BucketScratch {
    var medians: [Double] = []
    var lows: [Double] = []
    var highs: [Double] = []
}

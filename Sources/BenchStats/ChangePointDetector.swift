/// Finds steps in a series (a benchmark's medians, oldest first): the segmentation of least
/// penalised cost, found exactly.
///
/// Why an exact segmentation with a penalty scaled to the series' own noise:
/// - Optimal partitioning finds the segmentation that minimises Σ cost(segment) + β·(number of
///   change points) exactly. Comparing every start at every point is O(n²); PELT (Killick,
///   Fearnhead & Eckley 2012) prunes starts that are worse by the penalty, which is about linear
///   only while change points keep arriving, and a steady benchmark has none. So starts are pruned
///   functionally instead (`ChangePointEnvelope`): a start goes once another is better for every
///   segment mean, which leaves a few per point on steady and stepping series alike. Binary
///   segmentation is only a greedy approximation and can misplace a step next to a second one.
/// - The cost is the squared deviation from the segment mean, of the logarithm of the values
///   when they are all positive: benchmark noise is roughly proportional to the value, so on
///   the log scale a 5 % wobble looks the same for a 2 ns and a 2 s benchmark, and a step is
///   measured in relative terms.
/// - β = `penaltyFactor` · σ̂² · ln n. With σ̂ known, a single step is accepted when its
///   standardised size T = |Δmean|·√(n₁n₂/n)/σ̂ exceeds √(`penaltyFactor`·ln n). For pure noise the
///   largest T over all positions of 200 points exceeds 3.6 only about 1 % of the time, but σ̂ is
///   itself an estimate (a few % low now and then) and short end segments add many more chances,
///   so the default factor 6 puts the bar at T ≈ 5.6 for 200 points (4.9 for 60, 6.4 for 1000).
///   Measured over 100 seeds of pure 5 % noise: no step at 60, 200 or 1000 points (factor 3 gave
///   4 % at 60 points), while a +20 % step in 5 % noise (T ≈ 25) and +3 % in 1 % noise are
///   still found every time.
/// - σ̂ is robust: the median absolute deviation of the first differences, ×1.4826/√2. First
///   differences remove the steps themselves (one big difference per step does not move a
///   median), so a series with a large step does not inflate its own noise estimate and hide it.
/// - Segments shorter than `minimumSegmentLength` are not allowed, so a lone outlier (a run
///   on a busy machine) is not reported as two steps; and steps smaller than
///   `minimumRelativeStep` are dropped as too small to matter even when they are real.
public struct ChangePointDetector: Sendable, Equatable {
    public var penaltyFactor: Double
    public var minimumSegmentLength: Int
    /// Steps whose size, relative to the segment before, is below this are not reported (0.01 = 1 %).
    public var minimumRelativeStep: Double

    public init(penaltyFactor: Double = 6, minimumSegmentLength: Int = 4, minimumRelativeStep: Double = 0.01) {
        self.penaltyFactor = penaltyFactor
        self.minimumSegmentLength = Swift.max(1, minimumSegmentLength)
        self.minimumRelativeStep = minimumRelativeStep
    }

    /// One step found in the series.
    public struct Step: Sendable, Equatable {
        /// Index of the first value after the step.
        public let index: Int
        /// Median of the segment before and of the segment after the step.
        public let before: Double
        public let after: Double
        /// (after − before) / before; nil when `before` is 0.
        public let relativeChange: Double?
    }

    /// Steps in `values`, in order. Non-finite values are not allowed (drop failed runs first).
    public func detect(_ values: [Double]) -> [Step] {
        let n = values.count
        guard n >= 2 * minimumSegmentLength, values.allSatisfy(\.isFinite) else { return [] }
        let positive = values.allSatisfy { $0 > 0 }
        let series = positive ? values.map { MathFunctions.naturalLog($0) } : values
        let sigma = Self.robustNoise(series)
        let boundaries = segment(series, penalty: penaltyFactor * sigma * sigma * MathFunctions.naturalLog(Double(n)))
        var steps: [Step] = []
        var start = 0
        for (position, boundary) in boundaries.enumerated() {
            let end = position + 1 < boundaries.count ? boundaries[position + 1] : n
            guard let before = Quantile.median(Array(values[start..<boundary])),
                let after = Quantile.median(Array(values[boundary..<end]))
            else { continue }
            let relative: Double? = before != 0 ? (after - before) / abs(before) : nil
            if let relative, abs(relative) < minimumRelativeStep {
                continue
            }
            steps.append(Step(index: boundary, before: before, after: after, relativeChange: relative))
            start = boundary
        }
        return steps
    }

    /// The noise level of a series: MAD of first differences × 1.4826 / √2, with a floor so a
    /// perfectly flat series (identical values) still has a finite, tiny penalty.
    public static func robustNoise(_ series: [Double]) -> Double {
        guard series.count >= 3 else { return 0 }
        var differences: [Double] = []
        differences.reserveCapacity(series.count - 1)
        for i in 1..<series.count { differences.append(series[i] - series[i - 1]) }
        let mad = Quantile.mad(differences) ?? 0
        let sigma = mad * 1.4826 / 2.0.squareRoot()
        if sigma > 0 { return sigma }
        // More than half the differences are equal (quantised values): fall back to their spread.
        let meanAbs = differences.reduce(0) { $0 + abs($1) } / Double(differences.count)
        let scale = series.reduce(0) { Swift.max($0, abs($1)) }
        return Swift.max(meanAbs, scale * 1e-9, 1e-12)
    }

    /// The segmentation of least penalised L2 cost; returns the indices where new segments start
    /// (excluding 0).
    func segment(_ series: [Double], penalty: Double) -> [Int] {
        segmentation(series, penalty: penalty).boundaries
    }

    /// `segment`'s boundaries, and how many times a start was compared to find them (the work
    /// the pruning saves).
    func segmentation(_ series: [Double], penalty: Double) -> (boundaries: [Int], comparisons: Int) {
        let n = series.count
        let minimum = minimumSegmentLength
        // Prefix sums of the centred series: costs in O(1) without cancellation.
        let center = Quantile.median(series) ?? 0
        var sums = [Double](repeating: 0, count: n + 1)
        var squares = [Double](repeating: 0, count: n + 1)
        var range = (low: 0.0, high: 0.0)
        for i in 0..<n {
            let x = series[i] - center
            sums[i + 1] = sums[i] + x
            squares[i + 1] = squares[i] + x * x
            range = (Swift.min(range.low, x), Swift.max(range.high, x))
        }
        var best = [Double](repeating: .infinity, count: n + 1)
        var previous = [Int](repeating: 0, count: n + 1)
        best[0] = -penalty
        // The inner loops run at every point of a long history, so they read through buffers
        // without bounds checks.
        let comparisons = sums.withUnsafeBufferPointer { sums in
            squares.withUnsafeBufferPointer { squares in
                best.withUnsafeMutableBufferPointer { best in
                    previous.withUnsafeMutableBufferPointer { previous in
                        Self.optimise(
                            n: n, minimum: minimum, penalty: penalty, sums: sums, squares: squares, range: range.low...range.high,
                            best: best, previous: previous)
                    }
                }
            }
        }
        var boundaries: [Int] = []
        var position = n
        while position > 0 {
            let start = previous[position]
            if start > 0 { boundaries.append(start) }
            position = start
        }
        return (boundaries.reversed(), comparisons)
    }

    /// The optimal partitioning recursion: `best[end]`, the least penalised cost of the series up
    /// to `end`, and `previous[end]`, where its last segment starts (the oldest start among equals).
    /// The cost of a segment is its squared deviation from its mean (`sums`, `squares`: prefix sums
    /// of the centred series, whose values lie in `range`). Only the starts `ChangePointEnvelope`
    /// still holds are compared: those left out are worse for every segment mean, so the result is
    /// that of comparing every start (tested against it), at a few starts per point. Returns how
    /// many comparisons it made.
    private static func optimise(
        n: Int, minimum: Int, penalty: Double, sums: UnsafeBufferPointer<Double>, squares: UnsafeBufferPointer<Double>,
        range: ClosedRange<Double>, best: UnsafeMutableBufferPointer<Double>, previous: UnsafeMutableBufferPointer<Int>
    ) -> Int {
        var envelope = ChangePointEnvelope(sums: sums, squares: squares, best: best, range: range)
        // The candidates, oldest first.
        let candidates = UnsafeMutableBufferPointer<Int>.allocate(capacity: n + 1)
        defer { candidates.deallocate() }
        var count = 0
        var comparisons = 0
        for end in minimum...n {
            // A segment is at least `minimum` long, so the newest start that can end here is end − minimum.
            let newest = end - minimum
            if newest == 0 || newest >= minimum {
                candidates[count] = newest
                count += 1
                envelope.add(newest)
            }
            var value = Double.infinity
            var argument = 0
            let endSum = sums[end]
            let endSquare = squares[end]
            var kept = 0
            comparisons += count
            for place in 0..<count {
                let start = candidates[place]
                let sum = endSum - sums[start]
                let total = best[start] + Swift.max(0, endSquare - squares[start] - sum * sum / Double(end - start)) + penalty
                if total < value {
                    value = total
                    argument = start
                }
                if envelope.isAlive(start) {
                    candidates[kept] = start
                    kept += 1
                }
            }
            count = kept
            best[end] = value
            previous[end] = argument
        }
        return comparisons
    }
}

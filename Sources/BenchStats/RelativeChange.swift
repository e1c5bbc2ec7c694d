/// How much a current sample set changed against a baseline, as a fraction (0.05 = 5 % slower),
/// with a distribution-free confidence interval.
///
/// Timing noise scales with the time measured (a benchmark twice as slow scatters twice as
/// widely), so the shift is estimated between the logarithms of the samples: a pure change of
/// speed is then a pure shift, which is what `HodgesLehmannShift` assumes, and the shift s of
/// the logarithms is the ratio e^s of typical times, reported as e^s − 1. When a sample is zero
/// or negative there is no logarithm; the shift of the raw values over the baseline's median
/// stands in (`logScale` is false then).
public struct RelativeChange: Sendable, Equatable {
    public let low: Double
    public let high: Double
    /// The coverage probability of [low, high] (see `HodgesLehmannShift.coverage`).
    public let coverage: Double
    /// False when a non-positive sample forced the raw scale.
    public var logScale: Bool { scale == nil }

    /// Nil when either set is empty or not finite, or (without logarithms) the baseline's median is 0.
    public init?(baseline: [Double], current: [Double], level: Double) {
        if baseline.allSatisfy({ $0 > 0 }), current.allSatisfy({ $0 > 0 }) {
            guard
                let shift = HodgesLehmannShift(
                    baseline.map(MathFunctions.naturalLog), current.map(MathFunctions.naturalLog), level: level)
            else { return nil }
            self.shift = shift
            scale = nil
            low = MathFunctions.exponential(shift.low) - 1
            high = MathFunctions.exponential(shift.high) - 1
            coverage = shift.coverage
        } else {
            guard let shift = HodgesLehmannShift(baseline, current, level: level),
                let center = Quantile.median(baseline), center != 0
            else { return nil }
            let scale = abs(center)
            self.shift = shift
            self.scale = scale
            low = shift.low / scale
            high = shift.high / scale
            coverage = shift.coverage
        }
    }

    private let shift: HodgesLehmannShift
    /// The baseline's absolute median when the raw values were shifted; nil on the log scale.
    private let scale: Double?

    /// The Hodges–Lehmann estimate of the relative change (computed when asked).
    public var estimate: Double {
        guard let scale else { return MathFunctions.exponential(shift.estimate) - 1 }
        return shift.estimate / scale
    }

    /// Half the interval's width: how precisely the change is known.
    public var halfWidth: Double { (high - low) / 2 }
}

/// Whether one run's sample set is too spread out to pin its median down at a given threshold:
/// the `noisy` flag stored with a run's statistics. Comparisons do not use it: their verdict
/// weighs the uncertainty against the size of the change (`RelativeChange`), so a doubling
/// measured with wide samples is still a regression.
///
/// The rule, with `threshold` the relative change a verdict has to resolve (0.05 = 5 %):
/// 1. Wide interval: the half-width of the 95 % confidence interval of the median, relative to
///    the median, exceeds the threshold. The median is then not known to better than the change
///    we are asked about, so any verdict on it would be a guess. Below 6 samples there is no
///    95 % interval and min…max (coverage 1 − 2⁻ⁿ⁺¹, ≈ 94 % at 5) stands in for it.
/// 2. Bimodal: the samples form two well-separated humps further apart than the threshold
///    (see `Bimodality`). The median then jumps between modes from run to run, so a shift of
///    the median says more about which hump won than about the code.
public struct NoiseAssessment: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable, Codable {
        case wideConfidenceInterval
        case bimodal
    }

    public let reasons: [Reason]
    /// Half-width of the median's interval over the median; nil when the median is 0.
    public let relativeHalfWidth: Double?
    public var isNoisy: Bool { !reasons.isEmpty }

    public init(_ summary: Summary, threshold: Double) {
        var reasons: [Reason] = []
        let low = summary.medianCI95?.low ?? summary.min
        let high = summary.medianCI95?.high ?? summary.max
        if summary.median != 0 {
            let halfWidth = (high - low) / 2 / abs(summary.median)
            relativeHalfWidth = halfWidth
            if halfWidth > threshold { reasons.append(.wideConfidenceInterval) }
        } else {
            relativeHalfWidth = nil
        }
        if let bimodality = summary.bimodality, bimodality.isBimodal(threshold: threshold, center: summary.median) {
            reasons.append(.bimodal)
        }
        self.reasons = reasons
    }

    /// A short user-facing reason, e.g. "the median is only known to ±7.2 %".
    public var explanation: String? {
        guard isNoisy else { return nil }
        var parts: [String] = []
        if reasons.contains(.wideConfidenceInterval), let width = relativeHalfWidth {
            let tenths = (width * 1000).rounded() / 10
            parts.append("the median is only known to ±\(tenths) %")
        }
        if reasons.contains(.bimodal) { parts.append("the samples have two modes") }
        return parts.joined(separator: " and ")
    }
}

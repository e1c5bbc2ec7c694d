import Foundation
import BenchModel

/// One run's value in a benchmark's history.
public struct TrendPoint: Sendable, Equatable {
    /// Index of the run in the history array the trend was computed from.
    public var runIndex: Int
    public var runID: String
    public var date: Date
    public var commit: String?
    /// Nil when the benchmark did not succeed in that run.
    public var medianNs: Double?
    /// The spread band around the median (confidence interval where recorded, else min/max).
    public var lowNs: Double?
    public var highNs: Double?
    public var outcome: Outcome

    public init(
        runIndex: Int, runID: String, date: Date, commit: String?, medianNs: Double?, lowNs: Double?, highNs: Double?,
        outcome: Outcome
    ) {
        self.runIndex = runIndex
        self.runID = runID
        self.date = date
        self.commit = commit
        self.medianNs = medianNs
        self.lowNs = lowNs
        self.highNs = highNs
        self.outcome = outcome
    }
}

/// A step in a benchmark's series of medians.
public struct ChangePoint: Sendable, Equatable {
    /// Index into `Trend.points` of the first point after the step.
    public var pointIndex: Int
    public var runID: String
    public var commit: String?
    public var beforeNs: Double
    public var afterNs: Double
    /// (after − before) / before × 100.
    public var stepPercent: Double

    public init(pointIndex: Int, runID: String, commit: String?, beforeNs: Double, afterNs: Double, stepPercent: Double) {
        self.pointIndex = pointIndex
        self.runID = runID
        self.commit = commit
        self.beforeNs = beforeNs
        self.afterNs = afterNs
        self.stepPercent = stepPercent
    }
}

public struct Trend: Sendable, Equatable {
    public var name: String
    /// Oldest first.
    public var points: [TrendPoint]
    public var changePoints: [ChangePoint]

    public init(name: String, points: [TrendPoint], changePoints: [ChangePoint]) {
        self.name = name
        self.points = points
        self.changePoints = changePoints
    }
}

extension ChangePoint {
    /// "regressed by +23.0 % at abc1234", "improved by -12.5 % at abc1234"; the run id stands in
    /// for the commit when the run was not in a git checkout. For a time series a step up is a regression.
    public var summary: String {
        let direction = stepPercent > 0 ? "regressed" : "improved"
        let place = commit.map { String($0.prefix(7)) } ?? "run \(runID)"
        return "\(direction) by \(Format.signedPercent(stepPercent)) at \(place)"
    }
}

extension Trend {
    /// The newest step, the one a dashboard row should mention; nil when the series is steady.
    public var latestStep: ChangePoint? { changePoints.last }

    /// The sentence for a dashboard row or a Markdown trend column, e.g. "regressed by +23.0 % at abc1234".
    public var latestStepSummary: String? { latestStep?.summary }

    /// The newest `maxPoints` medians as a Unicode sparkline ("▁▂▃▅▇"), a space for a failed run;
    /// scaled between the smallest and largest value shown. Empty without points.
    public func sparkline(maxPoints: Int = 20) -> String {
        let recent = points.suffix(Swift.max(1, maxPoints))
        let values = recent.compactMap(\.medianNs)
        guard let low = values.min(), let high = values.max() else { return String(repeating: " ", count: recent.count) }
        let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return String(
            recent.map { point -> Character in
                guard let value = point.medianNs else { return " " }
                guard high > low else { return bars[3] }
                let scaled = ((value - low) / (high - low) * Double(bars.count - 1)).rounded()
                let level = scaled.isFinite ? Int(scaled) : 0
                return bars[Swift.min(Swift.max(level, 0), bars.count - 1)]
            })
    }
}

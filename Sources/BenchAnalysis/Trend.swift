import Foundation
import BenchModel

/// One run's value in a benchmark's history.
public struct TrendPoint: Sendable, Equatable {
    /// Index of the run in the history array the trend was computed from.
    public var runIndex: Int
    public var runID: String
    public var date: Date
    public var commit: String?
    /// Nil when the benchmark did not succeed in that run. In the trend's metric: nanoseconds for
    /// time, instructions per iteration for `metric = "instructions"` (the name predates counts).
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
    /// What the points' values measure, so a chart labels them as durations or as counts.
    public var metric: Metric
    /// Oldest first.
    public var points: [TrendPoint]
    public var changePoints: [ChangePoint]

    public init(name: String, metric: Metric = .time, points: [TrendPoint], changePoints: [ChangePoint]) {
        self.name = name
        self.metric = metric
        self.points = points
        self.changePoints = changePoints
    }

    /// A value of this trend in its unit: "12.450ms" or "101.63M instr".
    public func format(_ value: Double) -> String { metric.format(value) }
}

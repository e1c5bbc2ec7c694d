import Foundation
import BenchModel

/// One run's value in a benchmark's history. Compact (48 bytes): a long history's report holds
/// one per run and benchmark, so the run's id, start and commit are its shared `TrendStamp`, and
/// the figures are stored with NaN for none.
public struct TrendPoint: Sendable, Equatable {
    /// Index of the run in the history array the trend was computed from.
    public var runIndex: Int
    public let stamp: TrendStamp
    private let median: Double
    private let low: Double
    private let high: Double
    public var outcome: Outcome

    public var runID: String { stamp.runID }
    public var date: Date { stamp.date }
    public var commit: String? { stamp.commit }
    /// Nil when the benchmark did not succeed in that run. In the trend's metric: nanoseconds for
    /// time, instructions per iteration for `metric = "instructions"` (the name predates counts).
    public var medianNs: Double? { median.isNaN ? nil : median }
    /// The spread band around the median (confidence interval where recorded, else min/max).
    public var lowNs: Double? { low.isNaN ? nil : low }
    public var highNs: Double? { high.isNaN ? nil : high }

    public init(
        runIndex: Int, stamp: TrendStamp, medianNs: Double?, lowNs: Double?, highNs: Double?, outcome: Outcome
    ) {
        self.runIndex = runIndex
        self.stamp = stamp
        median = medianNs ?? .nan
        low = lowNs ?? .nan
        high = highNs ?? .nan
        self.outcome = outcome
    }

    public init(
        runIndex: Int, runID: String, date: Date, commit: String?, medianNs: Double?, lowNs: Double?, highNs: Double?,
        outcome: Outcome
    ) {
        self.init(
            runIndex: runIndex, stamp: TrendStamp(runID: runID, date: date, commit: commit), medianNs: medianNs, lowNs: lowNs,
            highNs: highNs, outcome: outcome)
    }

    public static func == (left: TrendPoint, right: TrendPoint) -> Bool {
        left.runIndex == right.runIndex && left.runID == right.runID && left.date == right.date && left.commit == right.commit
            && left.medianNs == right.medianNs && left.lowNs == right.lowNs && left.highNs == right.highNs
            && left.outcome == right.outcome
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

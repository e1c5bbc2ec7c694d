import Foundation

/// A run's date the history does not accept, as the end of a sentence that names the date
/// ("startedAt is …", "the run's start is …").
public enum RunDateProblem: Sendable, Equatable {
    case beforeEarliest(Date)
    case future(Date, now: Date)

    /// "dated in the future" or "dated before 1970": what the file is.
    public var summary: String {
        switch self {
        case .beforeEarliest: "dated before 1970"
        case .future: "dated in the future"
        }
    }

    /// What is wrong with the date, after its label: "is 9999-12-31T00:00:00Z, later than …".
    public var detail: String {
        let format = ISO8601DateFormatter()
        switch self {
        case let .beforeEarliest(date):
            return "is \(format.string(from: date)), before \(format.string(from: HistoryLimits.earliestDate)), "
                + "the earliest date a run may have"
        case let .future(date, now):
            return "is \(format.string(from: date)), later than this machine's clock (\(format.string(from: now))) "
                + "by more than the \(Int(HistoryLimits.clockSkewSeconds / 60)) minutes allowed for clock skew"
        }
    }
}
